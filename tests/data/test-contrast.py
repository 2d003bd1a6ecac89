#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Text contrast of every page colour, computed from the style sheets'
# palette: libadwaita's light defaults (read out of the library the program
# links, with gresource) under the kiosk's own ui/kiosk.css (its
# @define-color lines win, as its provider does). Every rule of kiosk.css
# that sets a text colour is checked against its own background, or,
# without one, against each page colour text sits on (window, view, card,
# popover, dialog); opacity is blended in. Text needs 4.5:1 (WCAG 2.1 AA,
# 1.4.3), icons and other graphics 3:1 (1.4.11). Adwaita's own pairs the
# screens use (body text, suggested and destructive buttons, links, the
# accent) are checked the same way; so is the focus ring, which needs 3:1
# on every page colour. TAP output.
#
#   test-contrast.py KIOSK.css [LIBADWAITA.so]
import os
import re
import subprocess
import sys

TEXT, GRAPHIC = 4.5, 3.0
PAGES = ['window_bg_color', 'view_bg_color', 'card_bg_color', 'popover_bg_color', 'dialog_bg_color']
# Rules whose colour sits on another rule's background (an overlay on the
# camera picture, a card on the PIN pad's cover): selector → background.
NESTED = {
    '.camera-problem': '#1e1e1e',   # .camera-view
}
# Adwaita's pairs, as the screens use them: (what, foreground, background, minimum).
ADWAITA_PAIRS = [
    ('body text', 'window_fg_color', 'window_bg_color', TEXT),
    ('text in fields and lists', 'view_fg_color', 'view_bg_color', TEXT),
    ('text on cards', 'card_fg_color', 'card_bg_color', TEXT),
    ('text in popovers', 'popover_fg_color', 'popover_bg_color', TEXT),
    ('suggested buttons ("Print my badge", "Check", "Unlock")', 'accent_fg_color', 'accent_bg_color', TEXT),
    ('destructive buttons ("Cancel registration")', 'destructive_fg_color', 'destructive_bg_color', TEXT),
    ('accent-coloured text and links', 'accent_color', 'window_bg_color', TEXT),
    ('error-coloured text', 'error_color', 'window_bg_color', TEXT),
    ('warning-coloured text', 'warning_color', 'window_bg_color', TEXT),
    ('success-coloured text', 'success_color', 'window_bg_color', TEXT),
    ('text on error banners', 'error_fg_color', 'error_bg_color', TEXT),
]

n = 0
failed = 0


def ok(what):
    global n
    n += 1
    print(f'ok {n} - {what}')


def not_ok(what, why):
    global n, failed
    n += 1
    failed += 1
    print(f'not ok {n} - {what}')
    print(f'# {why}')


NAMED = {'white': (1.0, 1.0, 1.0, 1.0), 'black': (0.0, 0.0, 0.0, 1.0), 'transparent': (0.0, 0.0, 0.0, 0.0)}


def parse_colour(text, palette):
    text = text.strip()
    if text.startswith('@'):
        return palette.get(text[1:])
    if text in NAMED:
        return NAMED[text]
    m = re.fullmatch(r'#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})', text)
    if m:
        h = m.group(1)
        if len(h) == 3:
            h = ''.join(c * 2 for c in h)
        return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)) + (1.0,)
    m = re.fullmatch(r'rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)', text)
    if m:
        r, g, b = (float(m.group(i)) / 255 for i in (1, 2, 3))
        return (r, g, b, float(m.group(4)) if m.group(4) else 1.0)
    return None


def define_colours(css, palette):
    # In order: a later definition (or a name defined later) wins.
    for name, value in re.findall(r'@define-color\s+([\w-]+)\s+([^;]+);', css):
        colour = parse_colour(value, palette)
        if colour is not None:
            palette[name] = colour


def over(fg, bg):
    a = fg[3]
    return tuple(fg[i] * a + bg[i] * (1 - a) for i in range(3)) + (1.0,)


def luminance(c):
    def channel(v):
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in c[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg, palette):
    bg = over(bg, palette['window_bg_color']) if bg[3] < 1 else bg
    fg = over(fg, bg)
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def adwaita_css(library):
    out = []
    for resource in ('/org/gnome/Adwaita/styles/base.css', '/org/gnome/Adwaita/styles/defaults-light.css'):
        out.append(subprocess.run(['gresource', 'extract', library, resource], check=True,
                                  capture_output=True, text=True).stdout)
    return '\n'.join(out)


def find_libadwaita():
    libdir = subprocess.run(['pkg-config', '--variable=libdir', 'libadwaita-1'], check=True,
                            capture_output=True, text=True).stdout.strip()
    return os.path.join(libdir, 'libadwaita-1.so.0')


def ring_colour(value, palette):
    # "3px solid #1e1e1e" (an outline), "inset 0 0 0 3px white" (a band)
    for token in reversed(value.split()):
        colour = parse_colour(token, palette)
        if colour is not None:
            return colour
    return None


def check_focus_rings(rules, palette):
    # Where the keyboard is, seen on every page colour (WCAG 2.1 2.4.7,
    # 1.4.11): each focus rule of kiosk.css draws two bands, and on every
    # colour a page or a panel has, one of them keeps 3:1.
    backgrounds = [('@' + page, palette[page]) for page in PAGES]
    for selector, props in rules:
        if 'background-color' in props:
            colour = parse_colour(props['background-color'], palette)
            if colour is not None and colour[3] == 1.0:
                backgrounds.append((f'{props["background-color"]} ({selector})', colour))
    backgrounds += [(f'{colour} ({selector})', parse_colour(colour, palette)) for selector, colour in NESTED.items()]
    focus_rules = [(sel, props) for sel, props in rules if ':focus-visible' in sel or ':focus-within' in sel]
    if not focus_rules:
        not_ok('focus ring', 'kiosk.css draws no focus ring: Adwaita\'s thin, half-transparent one is lost on colour')
        return
    for selector, props in focus_rules:
        outline = props.get('outline', '')
        width = re.match(r'(\d+)px', outline)
        bands = [ring_colour(props.get(key, ''), palette) for key in ('outline', 'box-shadow')]
        if None in bands or width is None or int(width.group(1)) < 2:
            not_ok(f'{selector}: focus ring', f'needs an outline 2px or wider and a box-shadow band, has {props}')
            continue
        between = contrast(bands[0], bands[1], palette)
        line = f'{selector}: the focus ring\'s two bands {between:.2f}:1 to each other'
        ok(line) if between >= GRAPHIC else not_ok(line, f'needs {GRAPHIC}:1')
        worst = min((max(contrast(band, bg, palette) for band in bands), name) for name, bg in backgrounds)
        line = f'{selector}: focus ring on every page colour, the least {worst[0]:.2f}:1 on {worst[1]}'
        ok(line) if worst[0] >= GRAPHIC else not_ok(line, f'needs {GRAPHIC}:1')


def main():
    kiosk_css = open(sys.argv[1], encoding='utf-8').read()
    library = sys.argv[2] if len(sys.argv) > 2 else find_libadwaita()
    palette = {}
    try:
        adwaita = adwaita_css(library)
        define_colours(adwaita, palette)
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"1..0 # SKIP libadwaita's style sheet cannot be read: {e}")
        return 0
    for needed in PAGES + ['window_fg_color', 'accent_bg_color']:
        if needed not in palette:
            print(f'Bail out! libadwaita defines no {needed}')
            return 1
    define_colours(kiosk_css, palette)

    # Adwaita dims secondary words by opacity (.dim-label, row subtitles,
    # placeholders); a kiosk.css rule for .dim-label overrides it.
    body = re.sub(r'/\*.*?\*/', '', kiosk_css, flags=re.S)
    rules = [(' '.join(sel.split()), dict((k.strip(), v.strip()) for k, v in re.findall(r'([\w-]+)\s*:\s*([^;]+);', block)))
             for sel, block in re.findall(r'([^{}@;]+)\{([^}]*)\}', body)]
    dim = {'color': '@window_fg_color', 'opacity': '1'}
    for sel, block in re.findall(r'([^{}@;]+)\{([^}]*)\}', adwaita):
        if '.dim-label' in [s.strip() for s in sel.split(',')] and 'opacity' in block:
            dim['opacity'] = re.search(r'opacity:\s*([\d.]+)', block).group(1)
            break
    for sel, props in rules:
        if '.dim-label' in [s.strip() for s in sel.split(',')]:
            dim.update(props)
    for page in PAGES:
        fg = parse_colour(dim['color'], palette)
        fg = fg[:3] + (fg[3] * float(dim['opacity']),)
        ratio = contrast(fg, palette[page], palette)
        line = f'dimmed words (.dim-label): {dim["color"]} at opacity {dim["opacity"]} on @{page} {ratio:.2f}:1'
        ok(line) if ratio >= TEXT else not_ok(line, f'needs {TEXT}:1')

    for what, fg, bg, minimum in ADWAITA_PAIRS:
        ratio = contrast(palette[fg], palette[bg], palette)
        line = f'{what}: @{fg} on @{bg} {ratio:.2f}:1'
        ok(line) if ratio >= minimum else not_ok(line, f'needs {minimum}:1')

    for selector, props in rules:
        if 'color' not in props and 'opacity' not in props:
            continue
        # Words dimmed by opacity alone keep the window's text colour.
        props.setdefault('color', '@window_fg_color')
        fg = parse_colour(props['color'], palette)
        if fg is None:
            not_ok(f'{selector}: colour', f'cannot read “{props["color"]}”')
            continue
        if 'opacity' in props:
            fg = fg[:3] + (fg[3] * float(props['opacity']),)
        graphic = re.search(r'\bimage\b|icon', selector) is not None
        minimum = GRAPHIC if graphic else TEXT
        if 'background-color' in props:
            backgrounds = [(props['background-color'], parse_colour(props['background-color'], palette))]
        elif any(key in selector for key in NESTED):
            key = next(key for key in NESTED if key in selector)
            backgrounds = [(NESTED[key], parse_colour(NESTED[key], palette))]
        else:
            backgrounds = [('@' + page, palette[page]) for page in PAGES]
        worst = min(((contrast(fg, bg, palette), name) for name, bg in backgrounds))
        kind = 'graphic' if graphic else 'text'
        line = f'{selector}: {kind} {props["color"]}' + \
            (f' (opacity {props["opacity"]})' if 'opacity' in props else '') + \
            f' on {worst[1]} {worst[0]:.2f}:1'
        ok(line) if worst[0] >= minimum else not_ok(line, f'needs {minimum}:1')

    check_focus_rings(rules, palette)

    print(f'1..{n}')
    return 1 if failed else 0


sys.exit(main())

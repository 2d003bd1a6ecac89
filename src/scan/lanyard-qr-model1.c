/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lanyard-qr-model1.h"

#define MODEL1_FORMAT_MASK 0x2825
#define MODEL2_FORMAT_MASK 0x5412
#define MAX_EC             68     /* the most error correction a Model 1 block has */

/* ---- Reed–Solomon over GF(256) ----------------------------------------- */

static guint8 gf_exp[512];
static guint8 gf_log[256];

static void
gf_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      int x = 1;

      for (int i = 0; i < 255; i++)
        {
          gf_exp[i] = (guint8) x;
          gf_log[x] = (guint8) i;
          x <<= 1;
          if (x & 0x100)
            x ^= 0x11d;
        }
      for (int i = 255; i < 512; i++)
        gf_exp[i] = gf_exp[i - 255];
      g_once_init_leave (&done, 1);
    }
}

static inline guint8
gf_mul (guint8 a,
        guint8 b)
{
  return a == 0 || b == 0 ? 0 : gf_exp[gf_log[a] + gf_log[b]];
}

static inline guint8
gf_div (guint8 a,
        guint8 b)
{
  return a == 0 ? 0 : gf_exp[gf_log[a] + 255 - gf_log[b]];
}

/* p(x) at x, coefficients from the constant term up */
static guint8
poly_eval (const guint8 *p,
           int           degree,
           guint8        x)
{
  guint8 y = 0;

  for (int i = degree; i >= 0; i--)
    y = gf_mul (y, x) ^ p[i];
  return y;
}

/* S_i = r(α^i), the first codeword the highest power */
static gboolean
syndromes (const guint8 *block,
           int           n,
           int           n_ec,
           guint8       *s)
{
  gboolean clean = TRUE;

  for (int i = 0; i < n_ec; i++)
    {
      guint8 v = 0;
      for (int j = 0; j < n; j++)
        v = gf_mul (v, gf_exp[i]) ^ block[j];
      s[i] = v;
      clean &= v == 0;
    }
  return clean;
}

int
lanyard_rs_correct (guint8 *block,
                    int     n,
                    int     n_ec)
{
  guint8 s[MAX_EC], lambda[MAX_EC + 1] = { 1 }, prev[MAX_EC + 1] = { 1 }, omega[MAX_EC];
  guint8 b = 1;
  int L = 0, m = 1, found = 0;

  g_return_val_if_fail (n > n_ec && n <= 255 && n_ec > 0 && n_ec <= MAX_EC, -1);
  gf_init ();
  if (syndromes (block, n, n_ec, s))
    return 0;

  /* Berlekamp–Massey: the error locator Λ */
  for (int r = 0; r < n_ec; r++)
    {
      guint8 d = s[r];

      for (int i = 1; i <= L; i++)
        d ^= gf_mul (lambda[i], s[r - i]);
      if (d == 0)
        m++;
      else
        {
          guint8 t[MAX_EC + 1], coef = gf_div (d, b);
          gboolean grow = 2 * L <= r;

          memcpy (t, lambda, sizeof t);
          for (int i = 0; i + m <= n_ec; i++)
            lambda[i + m] ^= gf_mul (coef, prev[i]);
          if (grow)
            {
              L = r + 1 - L;
              memcpy (prev, t, sizeof prev);
              b = d;
              m = 1;
            }
          else
            m++;
        }
    }
  if (2 * L > n_ec)
    return -1;

  /* Ω = S·Λ mod x^n_ec */
  for (int k = 0; k < n_ec; k++)
    {
      omega[k] = 0;
      for (int i = 0; i <= MIN (k, L); i++)
        omega[k] ^= gf_mul (s[k - i], lambda[i]);
    }

  /* Chien search for Λ's roots X⁻¹, Forney for the error values:
   * e = X · Ω(X⁻¹) / Λ′(X⁻¹) (roots from α⁰) */
  for (int j = 0; j < n; j++)
    {
      int p = n - 1 - j;
      guint8 xinv = gf_exp[(255 - p) % 255], deriv = 0;

      if (poly_eval (lambda, L, xinv) != 0)
        continue;
      /* Λ′(x): the odd terms, one power down (characteristic 2) */
      for (int i = 1; i <= L; i += 2)
        {
          guint8 term = lambda[i];
          for (int k = 0; k < i - 1; k++)
            term = gf_mul (term, xinv);
          deriv ^= term;
        }
      if (deriv == 0)
        return -1;
      block[j] ^= gf_mul (gf_exp[p], gf_div (poly_eval (omega, n_ec - 1, xinv), deriv));
      found++;
    }
  if (found != L || !syndromes (block, n, n_ec, s))
    return -1;
  return found;
}

/* ---- Model 1 ------------------------------------------------------------ */

/* Per version 1…14 and level L, M, Q, H: error-correction codewords per
 * block, blocks, data codewords per block (ISO 18004:2000, table M.2). */
static const guint8 model1_blocks[14][4][3] = {
  { {  7, 1,  19 }, { 10, 1,  16 }, { 13, 1, 13 }, { 17, 1,  9 } },
  { { 10, 1,  36 }, { 16, 1,  30 }, { 22, 1, 24 }, { 30, 1, 16 } },
  { { 15, 1,  57 }, { 28, 1,  44 }, { 36, 1, 36 }, { 48, 1, 24 } },
  { { 20, 1,  80 }, { 40, 1,  60 }, { 50, 1, 50 }, { 66, 1, 34 } },
  { { 26, 1, 108 }, { 52, 1,  82 }, { 66, 1, 68 }, { 44, 2, 23 } },
  { { 34, 1, 136 }, { 32, 2,  53 }, { 42, 2, 43 }, { 56, 2, 29 } },
  { { 42, 1, 170 }, { 40, 2,  66 }, { 52, 2, 54 }, { 46, 3, 24 } },
  { { 24, 2, 104 }, { 48, 2,  80 }, { 64, 2, 64 }, { 56, 3, 29 } },
  { { 30, 2, 123 }, { 60, 2,  93 }, { 50, 3, 52 }, { 68, 3, 34 } },
  { { 34, 2, 145 }, { 68, 2, 111 }, { 58, 3, 61 }, { 58, 4, 31 } },
  { { 40, 2, 168 }, { 40, 4,  64 }, { 52, 4, 52 }, { 54, 5, 29 } },
  { { 46, 2, 192 }, { 46, 4,  73 }, { 58, 4, 61 }, { 62, 5, 33 } },
  { { 36, 3, 144 }, { 52, 4,  83 }, { 66, 4, 69 }, { 58, 6, 32 } },
  { { 40, 3, 163 }, { 60, 4,  92 }, { 60, 5, 62 }, { 66, 6, 35 } },
};

typedef struct {
  const guint8 *px;
  int           size;
  gboolean      mirrored;
  int           mask;
} Grid;

static inline int
grid_get (const Grid *g,
          int         x,
          int         y)
{
  return (g->mirrored ? g->px[x * g->size + y] : g->px[y * g->size + x]) != 0;
}

/* the same eight data masks as Model 2; x is the column, y the row */
static inline int
mask_bit (int mask,
          int x,
          int y)
{
  switch (mask)
    {
    case 0: return (y + x) % 2 == 0;
    case 1: return y % 2 == 0;
    case 2: return x % 3 == 0;
    case 3: return (y + x) % 3 == 0;
    case 4: return (y / 2 + x / 3) % 2 == 0;
    case 5: return (y * x) % 6 == 0;
    case 6: return (y * x) % 6 < 3;
    default: return (y + x + (y * x) % 3) % 2 == 0;
    }
}

/* The 15-bit format word for 5 data bits: BCH(15, 5), generator 0x537. */
static int
format_word (int data)
{
  int v = data << 10;

  for (int i = 4; i >= 0; i--)
    if (v & (1 << (i + 10)))
      v ^= 0x537 << i;
  return (data << 10) | v;
}

/* Both copies of the format information; the best match to a Model 1
 * word. Returns its 5 data bits, or −1 when a Model 2 word fits as well
 * (then ZBar's reading stands) or nothing fits within 3 bits. */
static int
read_format (const Grid *g)
{
  int n = g->size, w1 = 0, w2 = 0, best = -1, best_d = 4, model2_d = 16;

  for (int x = 0; x <= 5; x++)
    w1 = (w1 << 1) | grid_get (g, x, 8);
  w1 = (w1 << 1) | grid_get (g, 7, 8);
  w1 = (w1 << 1) | grid_get (g, 8, 8);
  w1 = (w1 << 1) | grid_get (g, 8, 7);
  for (int y = 5; y >= 0; y--)
    w1 = (w1 << 1) | grid_get (g, 8, y);
  for (int y = n - 1; y >= n - 7; y--)
    w2 = (w2 << 1) | grid_get (g, 8, y);
  for (int x = n - 8; x < n; x++)
    w2 = (w2 << 1) | grid_get (g, x, 8);

  for (int data = 0; data < 32; data++)
    {
      int word = format_word (data);
      int d1 = MIN (__builtin_popcount (w1 ^ word ^ MODEL1_FORMAT_MASK),
                    __builtin_popcount (w2 ^ word ^ MODEL1_FORMAT_MASK));
      int d2 = MIN (__builtin_popcount (w1 ^ word ^ MODEL2_FORMAT_MASK),
                    __builtin_popcount (w2 ^ word ^ MODEL2_FORMAT_MASK));
      if (d1 < best_d)
        {
          best_d = d1;
          best = data;
        }
      model2_d = MIN (model2_d, d2);
    }
  return best >= 0 && best_d < model2_d ? best : -1;
}

/* One codeword from a block of modules, w wide, read from its bottom
 * right corner leftwards and upwards, first bit the highest. */
static guint8
read_block (const Grid *g,
            int         x,
            int         y,
            int         w)
{
  guint8 byte = 0;

  for (int b = 0; b < 8; b++)
    {
      int xx = x - b % w, yy = y - b / w;
      byte = (guint8) ((byte << 1) | (grid_get (g, xx, yy) ^ mask_bit (g->mask, xx, yy)));
    }
  return byte;
}

/* Model 1's layout (ISO 18004:2000 annex M): from the right edge, two
 * columns of 2 × 4 blocks (the edge one between its extension patterns),
 * then columns of 4 × 2 blocks across the middle, then 2 × 4 blocks again
 * left of the timing column. */
static int
read_codewords (const Grid *g,
                guint8     *out,
                int         max)
{
  int n = g->size, columns = n / 4 + 3, k = 0;

  for (int j = 0; j < columns; j++)
    {
      if (j <= 1)
        {
          int rows = (n - 8) / 4;
          for (int i = 0; i < rows; i++)
            {
              if (j == 0 && i % 2 == 0 && i > 0 && i < rows - 1)
                continue;   /* an extension pattern */
              if (k < max)
                out[k] = read_block (g, n - 1 - 2 * j, n - 1 - 4 * i, 2);
              k++;
            }
        }
      else if (columns - j <= 4)
        {
          int rows = (n - 16) / 4;
          int x = (columns - j - 1) * 2 + 1 + (columns - j == 4 ? 1 : 0);   /* past the timing column */
          for (int i = 0; i < rows; i++)
            {
              if (k < max)
                out[k] = read_block (g, x, n - 9 - 4 * i, 2);
              k++;
            }
        }
      else
        {
          int rows = n / 2;
          for (int i = 0; i < rows; i++)
            {
              if (j == 2 && i >= rows - 4)
                continue;   /* the top right finder */
              if (i == 0 && j % 2 == 1 && j + 1 != columns - 4)
                continue;   /* an extension pattern */
              if (k < max)
                out[k] = read_block (g, n - 5 - (j - 2) * 4, n - 1 - 2 * i - (i >= rows - 3 ? 1 : 0), 4);
              k++;
            }
        }
    }
  if (k > 0)
    out[0] &= 0x0f;   /* its top half is the corner outside the layout */
  return k;
}

typedef struct {
  const guint8 *data;
  int           len;   /* bytes */
  int           pos;   /* bits read */
} Bits;

static gboolean
bits_read (Bits *b,
           int   n,
           int  *value)
{
  int v = 0;

  if (b->pos + n > b->len * 8)
    return FALSE;
  for (int i = 0; i < n; i++, b->pos++)
    v = (v << 1) | ((b->data[b->pos / 8] >> (7 - b->pos % 8)) & 1);
  *value = v;
  return TRUE;
}

/* The segments after Model 1's four leading zero bits: numeric,
 * alphanumeric, byte and Kanji, as in Model 2 without ECI. */
static GBytes *
parse_segments (const guint8 *data,
                int           len,
                int           version)
{
  static const char alnum[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  g_autoptr(GByteArray) out = g_byte_array_new ();
  Bits b = { data, len, 4 };
  gboolean big = version >= 10;

  for (;;)
    {
      int mode, count, v;

      if (!bits_read (&b, 4, &mode) || mode == 0)
        break;
      switch (mode)
        {
        case 1:   /* numeric: three digits in 10 bits */
          if (!bits_read (&b, big ? 12 : 10, &count))
            return NULL;
          while (count > 0)
            {
              int digits = MIN (count, 3);
              char buf[4];
              if (!bits_read (&b, digits == 3 ? 10 : digits == 2 ? 7 : 4, &v) ||
                  v >= (digits == 3 ? 1000 : digits == 2 ? 100 : 10))
                return NULL;
              g_snprintf (buf, sizeof buf, "%0*d", digits, v);
              g_byte_array_append (out, (const guint8 *) buf, digits);
              count -= digits;
            }
          break;
        case 2:   /* alphanumeric: two characters in 11 bits */
          if (!bits_read (&b, big ? 11 : 9, &count))
            return NULL;
          while (count > 0)
            {
              guint8 pair[2];
              if (count >= 2)
                {
                  if (!bits_read (&b, 11, &v) || v >= 45 * 45)
                    return NULL;
                  pair[0] = (guint8) alnum[v / 45];
                  pair[1] = (guint8) alnum[v % 45];
                  g_byte_array_append (out, pair, 2);
                  count -= 2;
                }
              else
                {
                  if (!bits_read (&b, 6, &v) || v >= 45)
                    return NULL;
                  pair[0] = (guint8) alnum[v];
                  g_byte_array_append (out, pair, 1);
                  count--;
                }
            }
          break;
        case 4:   /* bytes */
          if (!bits_read (&b, big ? 16 : 8, &count))
            return NULL;
          for (; count > 0; count--)
            {
              guint8 c;
              if (!bits_read (&b, 8, &v))
                return NULL;
              c = (guint8) v;
              g_byte_array_append (out, &c, 1);
            }
          break;
        case 8:   /* Kanji: 13 bits a character, back to its Shift-JIS pair */
          if (!bits_read (&b, big ? 10 : 8, &count))
            return NULL;
          for (; count > 0; count--)
            {
              int sj;
              guint8 pair[2];
              if (!bits_read (&b, 13, &v))
                return NULL;
              sj = ((v / 0xc0) << 8) | (v % 0xc0);
              sj += sj < 0x1f00 ? 0x8140 : 0xc140;
              pair[0] = (guint8) (sj >> 8);
              pair[1] = (guint8) sj;
              g_byte_array_append (out, pair, 2);
            }
          break;
        case 3:   /* structured append: which part, of how many; read the part */
          if (!bits_read (&b, 16, &v))
            return NULL;
          break;
        default:
          return NULL;
        }
    }
  if (out->len == 0)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
read_grid (Grid *g)
{
  static const int level_of_bits[4] = { 1, 0, 3, 2 };   /* 00 M, 01 L, 10 H, 11 Q */
  int version = (g->size - 17) / 4, format, ec, n_blocks, n_data, total;
  guint8 raw[(14 * 4 + 17) * (14 * 4 + 17) / 8];
  g_autofree guint8 *data = NULL;

  format = read_format (g);
  if (format < 0)
    return NULL;
  g->mask = format & 7;
  ec = model1_blocks[version - 1][level_of_bits[format >> 3]][0];
  n_blocks = model1_blocks[version - 1][level_of_bits[format >> 3]][1];
  n_data = model1_blocks[version - 1][level_of_bits[format >> 3]][2];
  total = n_blocks * (ec + n_data);
  if (read_codewords (g, raw, sizeof raw) != total)
    return NULL;

  /* blocks one after the other: all data, then all error correction */
  data = g_malloc ((gsize) n_blocks * n_data);
  for (int k = 0; k < n_blocks; k++)
    {
      guint8 block[255];
      int fixed;

      memcpy (block, raw + k * n_data, n_data);
      memcpy (block + n_data, raw + n_blocks * n_data + k * ec, ec);
      fixed = lanyard_rs_correct (block, n_data + ec, ec);
      if (fixed < 0)
        return NULL;
      if (fixed > 0)
        g_debug ("QR Model 1, block %d: %d codewords corrected", k, fixed);
      memcpy (data + k * n_data, block, n_data);
    }
  return parse_segments (data, n_blocks * n_data, version);
}

GBytes *
lanyard_qr_model1_read (const guint8 *modules,
                        int           size)
{
  Grid g = { modules, size, FALSE, 0 };
  GBytes *result;

  g_return_val_if_fail (modules != NULL, NULL);
  if (size < 21 || size > 14 * 4 + 17 || size % 4 != 1)
    return NULL;
  result = read_grid (&g);
  if (result == NULL)
    {
      g.mirrored = TRUE;
      result = read_grid (&g);
    }
  return result;
}

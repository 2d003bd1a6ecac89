#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes Lanyard's demo event: event.json and registrations.csv.

Every name, provider and number here is fictional. The output is committed;
run this again (same seed) only to change the demo.
"""
import csv
import json
import random
from pathlib import Path

random.seed(2026)
HERE = Path(__file__).resolve().parent
PROVIDER = "Lakeshore Institute for Clinical Education"
TZ_OFFSET = "-06:00"
DAYS = ["2026-11-24", "2026-11-25", "2026-11-26"]

credit_types = [
    {"code": "AMA_PRA_1", "label": "AMA PRA Category 1 Credit™", "unit": "credits", "step": 0.25,
     "max_credits": 19.0, "professions": ["physician"],
     "evaluation_required": False, "full_attendance_required": False,
     "designation_statement": f"{PROVIDER} designates this live activity for a maximum of 19.00 "
                              "AMA PRA Category 1 Credits™. Physicians should claim only the credit "
                              "commensurate with the extent of their participation in the activity.",
     "uan": None, "required_ids": []},
    {"code": "ANCC", "label": "ANCC contact hours", "unit": "contact hours", "step": 0.25,
     "max_credits": 19.0, "professions": ["nurse"], "evaluation_required": False,
     "full_attendance_required": False,
     "designation_statement": "This activity is designated for a maximum of 19.00 ANCC contact hours.",
     "uan": None, "required_ids": []},
    {"code": "ACPE", "label": "ACPE contact hours", "unit": "contact hours", "step": 0.25,
     "max_credits": 19.0, "professions": ["pharmacist"], "evaluation_required": True,
     "full_attendance_required": False,
     "designation_statement": "This knowledge-based activity is approved for 19.00 contact hours (1.9 CEUs) "
                              "of continuing pharmacy education. UAN: JA4008123-0000-26-041-L01-P.",
     "uan": "JA4008123-0000-26-041-L01-P", "required_ids": ["nabp_eprofile", "birth_mmdd"]},
    {"code": "ABIM_MOC", "label": "ABIM MOC points", "unit": "points", "step": 0.25,
     "max_credits": 12.0, "professions": ["physician"], "evaluation_required": True,
     "full_attendance_required": False,
     "designation_statement": "Successful completion of this CME activity, which includes participation in the "
                              "evaluation component, enables the participant to earn up to 12 Medical Knowledge "
                              "MOC points in the American Board of Internal Medicine's (ABIM) Maintenance of "
                              "Certification (MOC) program.",
     "uan": None, "required_ids": []},
]

faculty = [
    ("Amara", "Okafor", "MD, FACC", "Northshore University Heart Center"),
    ("Hiroshi", "Tanaka", "MD, PhD", "Osaka Metropolitan Cardiovascular Institute"),
    ("Isabel", "Fernández-Ruiz", "MD", "Hospital Universitario La Paz"),
    ("Liam", "O'Connell", "PharmD, BCPS", "Lakeshore University Hospital"),
    ("Grace", "Mensah", "DNP, RN, ANP-BC", "Rush Lakefront Medical Center"),
    ("Youssef", "Haddad", "MD, FHRS", "Cleveland Lakes Clinic"),
    ("Katarzyna", "Wiśniewska", "MD", "Medical University of Warsaw"),
    ("David", "Goldberg", "MD, MPH", "Evanston Community Hospital"),
    ("Priya", "Raghavan", "MD, FACC", "Midwest Heart & Vascular"),
    ("Chen", "Wei", "PA-C", "Northshore University Heart Center"),
]
faculty_codes = [f"MW26-F{i + 1:04d}" for i in range(len(faculty))]


def fac(i):
    first, last, cred, _ = faculty[i]
    return {"name": f"{first} {last}, {cred}", "ticket_code": faculty_codes[i]}


def disclosure(idxs):
    parts = []
    for i in idxs:
        first, last, cred, _ = faculty[i]
        if i % 3 == 0:
            parts.append(f"{first} {last}, {cred}, has received consulting fees from Corvanta Therapeutics "
                         "and research grants from Helix Devices (relationships ended or mitigated).")
        else:
            parts.append(f"{first} {last}, {cred}, has no relevant financial relationships with ineligible companies.")
    parts.append("The planners and reviewers have no relevant financial relationships. "
                 "All relevant financial relationships listed have been mitigated.")
    return " ".join(parts)


tracks = [
    ("Grand Ballroom A", "Heart failure"), ("Salon B", "Arrhythmia"), ("Salon C", "Prevention & pharmacotherapy"),
]
topics = {
    "Heart failure": ["GDMT in 2026: sequencing the four pillars", "HFpEF phenotypes and SGLT2 inhibitors",
                      "Cardiorenal syndrome at the bedside", "Advanced therapies: LVAD or transplant?"],
    "Arrhythmia": ["Atrial fibrillation: rhythm control first?", "Anticoagulation in the elderly and the frail",
                   "Conduction system pacing", "Syncope work-up without waste"],
    "Prevention & pharmacotherapy": ["Lipid lowering beyond statins", "Hypertension: the new targets",
                                     "Drug interactions in cardiac patients", "Obesity medicines and the heart"],
}

sessions = []
sid = 1


def add_session(day, start, end, room, title, credits, fac_idx, capacity=0, ticketed=False):
    global sid
    s = {"id": f"S{sid:02d}", "title": title, "room": room,
         "start": f"{DAYS[day]}T{start}:00{TZ_OFFSET}", "end": f"{DAYS[day]}T{end}:00{TZ_OFFSET}",
         "capacity": capacity, "ticketed": ticketed,
         "credits": credits, "faculty": [fac(i) for i in fac_idx], "disclosure": disclosure(fac_idx)}
    sessions.append(s)
    sid += 1
    return s


def cr(hours, moc=True):
    c = {"AMA_PRA_1": hours, "ANCC": hours, "ACPE": hours}
    if moc:
        c["ABIM_MOC"] = hours
    return c


for day in range(3):
    add_session(day, "08:00", "09:30", "Grand Ballroom A",
                ["Opening plenary: the state of cardiovascular care", "Plenary: what changed in the guidelines",
                 "Closing plenary: cases that taught us"][day], cr(1.5), [day, day + 3])
    slots = [("10:00", "11:00"), ("11:15", "12:15"), ("13:30", "14:30")] if day < 2 else [("10:00", "11:00")]
    for si, (a, b) in enumerate(slots):
        for ti, (room, track) in enumerate(tracks):
            topic = topics[track][(day * 3 + si) % 4]
            add_session(day, a, b, room, f"{track}: {topic}", cr(1.0, moc=ti != 2),
                        [(day * 5 + si * 3 + ti) % len(faculty)])

# two ticketed workshops with capacities
add_session(0, "15:00", "17:00", "Workshop Room 1", "Hands-on workshop: point-of-care cardiac ultrasound",
            cr(2.0), [0, 9], capacity=24, ticketed=True)
add_session(1, "15:00", "17:00", "Workshop Room 2", "Hands-on workshop: ECG interpretation lab",
            cr(2.0), [5, 1], capacity=30, ticketed=True)

event = {
    "id": "MWCC-2026",
    "title": "Midwest Cardiovascular Care Update 2026",
    "venue": "Lakeshore Conference Center", "city": "Chicago, IL",
    "address": "400 E Lakeshore Way, Chicago, IL 60611",
    "start_date": DAYS[0], "end_date": DAYS[-1],
    "time_zone": "America/Chicago",
    "provider": PROVIDER, "provider_address": "1200 N Clark St, Suite 500, Chicago, IL 60610",
    "learning_format": "live activity",
    "statements": {
        "accreditation": f"{PROVIDER} is accredited by the Accreditation Council for Continuing Medical "
                         "Education to provide continuing medical education for physicians.",
        "joint_accreditation": f"In support of improving patient care, {PROVIDER} is jointly accredited by the "
                               "Accreditation Council for Continuing Medical Education (ACCME), the Accreditation "
                               "Council for Pharmacy Education (ACPE), and the American Nurses Credentialing Center "
                               "(ANCC), to provide continuing education for the healthcare team.",
        "ipce": None,
    },
    "policy": {"missing_exit": "count_to_end", "min_minutes": 15, "entry_window_minutes": 20,
               "repeat_seconds": 60, "verify_last4": False, "tap_to_print": False},
    "credit_types": credit_types,
    "sessions": sessions,
}

(HERE / "event.json").write_text(json.dumps(event, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

# ---- registrations ----
first_last = {
    "us": (["James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "William", "Linda", "Emily", "Daniel"],
           ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor"]),
    "ie": (["Siobhán", "Seán", "Aoife", "Ciarán"], ["O'Brien", "O'Sullivan", "McCarthy", "D'Arcy"]),
    "es": (["José", "María José", "Íñigo", "Lucía"], ["García-López", "Muñoz", "Peña", "Ibáñez"]),
    "de": (["Jürgen", "Jörg", "Anneliese", "Björn"], ["Müller", "Schäfer", "Groß", "Weiß-Hoffmann"]),
    "fr": (["François", "Hélène", "Chloé", "Noël"], ["Lefèvre", "Dubois-Moreau", "Beaulieu", "Gauthier"]),
    "pl": (["Łukasz", "Małgorzata", "Zofia"], ["Wójcik", "Kowalczyk", "Żak"]),
    "tr": (["Çağla", "Şükrü", "Gülşen"], ["Yıldız", "Öztürk", "Çelik"]),
    "vn": (["Nguyễn Thị", "Trần Văn"], ["Hương", "Đức"]),
    "cn": (["小明", "丽华", "建国"], ["王", "李", "张"]),
    "jp": (["さくら", "健太"], ["佐藤", "鈴木"]),
    "kr": (["지훈", "서연"], ["김", "박"]),
    "ar": (["محمد", "فاطمة", "أحمد"], ["الحسن", "العلي", "حداد"]),
    "gr": (["Δημήτρης", "Ελένη"], ["Παπαδόπουλος", "Γεωργίου"]),
    "ru": (["Анна", "Сергей"], ["Иванова", "Смирнов"]),
    "ng": (["Chinedu", "Ngozi", "Oluwaseun"], ["Okonkwo", "Adeyemi", "Eze"]),
    "in": (["Aarav", "Ananya", "Rohan"], ["Sharma", "Iyer", "Venkataraman"]),
}
professions = [
    ("physician", ["MD", "DO", "MD, FACC", "MD, PhD", "MD, MPH", "DO, FACOI"], 0.45),
    ("nurse", ["RN", "RN, BSN", "MSN, RN", "DNP, APRN", "RN, CCRN"], 0.25),
    ("pharmacist", ["PharmD", "PharmD, BCPS", "RPh"], 0.12),
    ("physician_assistant", ["PA-C", "MPAS, PA-C"], 0.10),
    ("other", ["", "PhD", "MS"], 0.08),
]
affiliations = ["Lakeshore University Hospital", "Northshore University Heart Center", "Evanston Community Hospital",
                "Rush Lakefront Medical Center", "St. Mary's Regional Medical Center", "Midwest Heart & Vascular",
                "Prairie Valley Health", "Hôpital Saint-Éloi", "Universitätsklinikum Lindenau",
                "Kyoto Riverside Hospital", "King Faisal Heart Institute (fictional)", "Lagos Island Teaching Hospital"]
domains = ["example.org", "example.com", "example.net"]

rows = []


def email_for(first, last, n):
    base = "".join(c for c in (first + "." + last).lower() if c.isascii() and (c.isalnum() or c == "."))
    if len(base) < 3:
        base = f"attendee{n}"
    return f"{base.strip('.')}{n}@{random.choice(domains)}"


def weighted_profession():
    r = random.random()
    acc = 0.0
    for p, creds, w in professions:
        acc += w
        if r <= acc:
            return p, random.choice(creds)
    return "other", ""


workshop1 = [s for s in sessions if s["ticketed"]][0]["id"]
workshop2 = [s for s in sessions if s["ticketed"]][1]["id"]

for i, (first, last, cred, aff) in enumerate(faculty):
    prof = "pharmacist" if "PharmD" in cred else "nurse" if "RN" in cred else \
        "physician_assistant" if "PA-C" in cred else "physician"
    rows.append({"ticket_code": faculty_codes[i], "first_name": first, "last_name": last, "credentials": cred,
                 "profession": prof, "affiliation": aff, "email": email_for(first, last, i),
                 "role": "faculty", "sessions": "", "status": "active",
                 "npi": f"{1000000000 + i * 7919}" if prof == "physician" else "",
                 "nabp_eprofile": f"{3000000 + i}" if prof == "pharmacist" else "",
                 "birth_mmdd": f"{(i % 12) + 1:02d}{(i % 27) + 1:02d}"})

n = 1
while len(rows) < 330:
    region = random.choice(list(first_last))
    firsts, lasts = first_last[region]
    first, last = random.choice(firsts), random.choice(lasts)
    prof, cred = weighted_profession()
    role = "attendee"
    r = random.random()
    if r < 0.06:
        role, prof, cred = "exhibitor", "other", ""
    elif r < 0.08:
        role, prof, cred = "staff", "other", ""
    elif r < 0.09:
        role, prof, cred = "press", "other", ""
    reg = []
    if role == "attendee" and prof != "other":
        if random.random() < 0.06:
            reg.append(workshop1)
        if random.random() < 0.08:
            reg.append(workshop2)
    code = f"MW26-{100000 + n * 37:06d}"
    rows.append({
        "ticket_code": code, "first_name": first, "last_name": last, "credentials": cred,
        "profession": prof, "affiliation": "" if role == "press" else random.choice(affiliations),
        "email": email_for(first, last, n), "role": role, "sessions": ";".join(reg), "status": "active",
        "npi": f"{1000000000 + n * 7919 % 899999999}" if prof == "physician" else "",
        "nabp_eprofile": f"{3000000 + n}" if prof == "pharmacist" else "",
        "birth_mmdd": f"{random.randint(1, 12):02d}{random.randint(1, 28):02d}" if prof in ("pharmacist", "physician") else "",
    })
    n += 1

# Deliberate cases the demo shows off.
specials = [
    {"first_name": "Jane", "last_name": "Smith", "credentials": "MD", "profession": "physician",
     "affiliation": "Lakeshore University Hospital", "ticket_code": "MW26-DEMO01", "sessions": workshop1},
    {"first_name": "Maximiliana Alexandrina", "last_name": "Montgomery-Worthington de la Vega Ruiz",
     "credentials": "MD, PhD, FACC", "profession": "physician", "affiliation": "Universitätsklinikum Lindenau",
     "ticket_code": "MW26-DEMO02"},
    {"first_name": "小明", "last_name": "王", "credentials": "MD", "profession": "physician",
     "affiliation": "Kyoto Riverside Hospital", "ticket_code": "MW26-DEMO03",
     "first_name_latin": "Xiaoming", "last_name_latin": "Wang"},
    {"first_name": "فاطمة", "last_name": "الزهراء", "credentials": "PharmD", "profession": "pharmacist",
     "affiliation": "King Faisal Heart Institute (fictional)", "ticket_code": "MW26-DEMO04",
     "first_name_latin": "Fatima", "last_name_latin": "Al-Zahraa",
     "nabp_eprofile": "3999001", "birth_mmdd": "0314"},
    {"first_name": "Siobhán", "last_name": "O'Brien-Ní Dhomhnaill", "credentials": "RN, BSN",
     "profession": "nurse", "affiliation": "St. Mary's Regional Medical Center", "ticket_code": "MW26-DEMO05"},
    # a pharmacist without an NABP e-Profile: the kiosk sends them to the desk
    {"first_name": "Paul", "last_name": "Nguyen", "credentials": "PharmD", "profession": "pharmacist",
     "affiliation": "Prairie Valley Health", "ticket_code": "MW26-DEMO06", "nabp_eprofile": "", "birth_mmdd": ""},
    # a cancelled registration
    {"first_name": "Robert", "last_name": "Kline", "credentials": "DO", "profession": "physician",
     "affiliation": "Evanston Community Hospital", "ticket_code": "MW26-DEMO07", "status": "cancelled"},
]
for i, s in enumerate(specials):
    row = {"role": "attendee", "sessions": "", "status": "active", "npi": "", "nabp_eprofile": "",
           "birth_mmdd": "", "email": email_for(s["first_name"], s["last_name"], 900 + i)}
    row.update(s)
    if row["profession"] == "physician" and not row["npi"]:
        row["npi"] = f"{1999000000 + i}"
    rows.append(row)

columns = ["ticket_code", "first_name", "last_name", "credentials", "profession", "affiliation", "email", "role",
           "sessions", "status", "npi", "nabp_eprofile", "birth_mmdd", "first_name_latin", "last_name_latin"]
with open(HERE / "registrations.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=columns, lineterminator="\r\n")
    w.writeheader()
    for row in rows:
        w.writerow({k: row.get(k, "") for k in columns})

# The same people as another registration system exports them, read
# through mapping-example.json.
other = ["Confirmation #", "Given name", "Family name", "Degrees", "Occupation", "Organisation", "E-mail address",
         "Badge type", "Workshops"]
mapping = {"columns": {"Confirmation #": "ticket_code", "Given name": "first_name", "Family name": "last_name",
                       "Degrees": "credentials", "Occupation": "profession", "Organisation": "affiliation",
                       "E-mail address": "email", "Badge type": "role", "Workshops": "sessions"},
           "session_separator": "|"}
with open(HERE / "registrations-other-export.csv", "w", newline="", encoding="utf-8-sig") as f:
    w = csv.writer(f)
    w.writerow(other)
    for row in rows[:25]:
        w.writerow([row["ticket_code"], row["first_name"], row["last_name"], row["credentials"], row["profession"],
                    row["affiliation"], row["email"], row["role"], row["sessions"].replace(";", "|")])
(HERE / "mapping-example.json").write_text(json.dumps(mapping, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
print(f"{len(sessions)} sessions, {len(rows)} registrations")

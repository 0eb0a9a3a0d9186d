"""Realistic (fictitious) citizens and the form data they type into the portal.

Reads a service template as plain JSON data (the simulator does not import the
program's domain layer) and fills each field plausibly for its type and name:
past dates where a field asks for the past (births, deaths, "since"), near-future
dates for starts and ends, German places, register numbers, tax tags. Values
respect a field's ``max_length`` and ``options``, so a generated form is valid
against the form schema the back office derives from the template.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

GIVEN_NAMES = [
    "Anna",
    "Lena",
    "Marie",
    "Sophie",
    "Hannah",
    "Mia",
    "Emma",
    "Lea",
    "Johanna",
    "Clara",
    "Jürgen",
    "Lukas",
    "Jonas",
    "Felix",
    "Maximilian",
    "Paul",
    "Leon",
    "Tim",
    "Moritz",
    "Ben",
    "Özlem",
    "Aylin",
    "Mehmet",
    "Can",
    "Katarzyna",
    "Piotr",
    "Ioana",
    "Dimitrios",
    "Renée",
    "Sören",
    "Björn",
    "Hans-Peter",
    "Anne-Kathrin",
    "Gülay",
    "Zoë",
    "François",
]
FAMILY_NAMES = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Yılmaz",
    "Kaya",
    "Nowak",
    "Kowalski",
    "Papadopoulos",
    "von der Heide",
    "Özdemir",
    "Graf zu Stolberg",
    "Weiß",
    "Großmann",
    "Nußbaum",
]
STREETS = [
    "Hauptstraße",
    "Schulstraße",
    "Gartenstraße",
    "Bahnhofstraße",
    "Kirchweg",
    "Am Markt",
    "Lindenallee",
    "Mühlenweg",
    "Rathausplatz",
    "Friedrich-Ebert-Straße",
    "Goethestraße",
    "Im Wiesengrund",
    "Kastanienweg",
    "Zum Sportplatz",
    "Römerstraße",
]
TOWN = ("Musterstadt", "48143")
OTHER_TOWNS = [
    ("Münster", "48149"),
    ("Bielefeld", "33602"),
    ("Köln", "50667"),
    ("Dortmund", "44137"),
    ("Essen", "45127"),
    ("Düsseldorf", "40213"),
]
BIRTH_PLACES = [
    "Musterstadt",
    "Münster",
    "Bielefeld",
    "Köln",
    "Gelsenkirchen",
    "Hamm",
    "Osnabrück",
    "Leipzig",
    "Rostock",
    "İstanbul",
    "Kraków",
    "Thessaloniki",
    "Timișoara",
    "Lyon",
]
NATIONALITIES = [
    "deutsch",
    "deutsch",
    "deutsch",
    "deutsch",
    "deutsch",
    "türkisch",
    "polnisch",
    "griechisch",
    "rumänisch",
    "italienisch",
    "ukrainisch",
    "syrisch",
    "französisch",
]
COURTS = ["Amtsgericht Münster", "Amtsgericht Bielefeld", "Amtsgericht Köln", "Amtsgericht Essen"]
DOG_NAMES = ["Bello", "Luna", "Balu", "Emma", "Rocky", "Kira", "Sammy", "Nala", "Paul", "Frieda"]
BREEDS = [
    "Labrador Retriever",
    "Mischling",
    "Dackel",
    "Deutscher Schäferhund",
    "Golden Retriever",
    "Border Collie",
    "Jack Russell Terrier",
    "Französische Bulldogge",
    "Beagle",
]
COLOURS = ["schwarz", "braun", "weiß-braun", "schwarz-weiß", "blond", "grau gestromt", "rot"]
INSURERS = [
    "Provinzial Versicherung AG",
    "LVM Versicherung",
    "HUK-COBURG",
    "Allianz Versicherungs-AG",
    "ERGO Versicherung AG",
]
ACTIVITIES = [
    "Einzelhandel mit Lebensmitteln und Getränken",
    "Softwareentwicklung und IT-Beratung",
    "Friseursalon",
    "Handel mit Gebrauchtwagen",
    "Café mit Außengastronomie",
    "Hausmeisterservice und Gartenpflege",
    "Online-Handel mit Bekleidung",
    "Reinigung von Gebäuden & Glasflächen",
    "Fahrradreparatur und -verkauf",
]
COMPANY_SUFFIX = ["GmbH", "UG (haftungsbeschränkt)", "e.K.", "GbR", ""]
COMPANY_WORDS = ["Handel", "Service", "Design", "Consulting", "& Söhne", "Gebäudetechnik"]
PURPOSES = [
    "Rentenangelegenheit",
    "Eheschließung",
    "Passantrag",
    "Erbschaftsangelegenheit",
    "Vorlage beim Arbeitgeber",
    "Familienkasse",
    "persönliche Unterlagen",
]
REMARKS = [
    "Bitte um zügige Bearbeitung.\nVielen Dank!",
    "Die Unterlagen reiche ich gern nach, falls etwas fehlt.",
    "Ich bin tagsüber am besten per E-Mail erreichbar.",
    "Rückfragen bitte an meine Tochter (Tel. siehe oben).",
    "Das Original liegt beim Notar; eine Kopie ist beigefügt.",
]


def _date_between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


def _ascii_slug(text: str) -> str:
    slug = text.lower()
    for a, b in (
        ("ä", "ae"),
        ("ö", "oe"),
        ("ü", "ue"),
        ("ß", "ss"),
        (" ", "-"),
        ("ı", "i"),
        ("é", "e"),
        ("ë", "e"),
        ("ç", "c"),
        ("ğ", "g"),
    ):
        slug = slug.replace(a, b)
    return slug


class Citizen:
    """One fictitious person: name, birth, address and contact, consistent across a form."""

    def __init__(self, rng: random.Random) -> None:
        self.given_name = rng.choice(GIVEN_NAMES)
        self.family_name = rng.choice(FAMILY_NAMES)
        self.birth_date = _date_between(rng, date(1940, 1, 1), date(2006, 12, 31))
        self.birth_place = rng.choice(BIRTH_PLACES)
        self.birth_name = rng.choice(FAMILY_NAMES) if rng.random() < 0.3 else None
        self.nationality = rng.choice(NATIONALITIES)
        slug = _ascii_slug(self.given_name + "." + self.family_name)
        self.email = f"{slug}@example.org"
        self.phone = f"0251 {rng.randrange(100000, 9999999)}"
        self.street = rng.choice(STREETS)
        self.house_number = f"{rng.randrange(1, 180)}{rng.choice(['', '', '', 'a', 'b'])}"
        self.city, self.postal_code = TOWN

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def address_line(self) -> str:
        return f"{self.street} {self.house_number}, {self.postal_code} {self.city}"


def fill_form(
    template: dict[str, Any], rng: random.Random, citizen: Citizen | None = None
) -> dict[str, dict[str, Any]]:
    """Form data ``{group: {field: value}}`` for a template given as JSON data."""
    citizen = citizen or Citizen(rng)
    today = datetime.now(UTC).date()
    data: dict[str, dict[str, Any]] = {}
    for group in template["field_groups"]:
        values: dict[str, Any] = {}
        for field in group["fields"]:
            if not field.get("required") and rng.random() < 0.15:
                continue
            value = _value(field, group["key"], citizen, rng, today)
            if value is None:
                continue
            if isinstance(value, str) and field.get("max_length"):
                value = value[: field["max_length"]]
            values[field["key"]] = value
        data[group["key"]] = values
    _make_consistent(data, citizen)
    return data


def _make_consistent(data: dict[str, dict[str, Any]], citizen: Citizen) -> None:
    """Someone asking for their own certificate names themselves."""
    person = data.get("person")
    if person is not None and person.get("relation") == "self":
        person["person_given_names"] = citizen.given_name
        person["person_family_name"] = citizen.family_name
        person["birth_date"] = citizen.birth_date.isoformat()
        person["birth_place"] = citizen.birth_place


def _value(
    field: dict[str, Any], group: str, citizen: Citizen, rng: random.Random, today: date
) -> Any:
    key: str = field["key"]
    kind: str = field["type"]
    if group == "applicant" and hasattr(citizen, key):
        value = getattr(citizen, key)
        return value.isoformat() if isinstance(value, date) else value
    if kind == "choice":
        return rng.choice(field["options"])["value"]
    if kind == "boolean":
        return rng.random() < 0.3
    if kind == "number":
        if "cop" in key or "count" in key or "dogs" in key:
            return rng.randrange(1, 4)
        if "employees" in key:
            return rng.randrange(0, 12)
        return rng.randrange(1, 100)
    if kind == "date":
        return _date(key, rng, today).isoformat()
    if kind == "email":
        return citizen.email
    if kind == "phone":
        return citizen.phone
    return _text(key, kind, citizen, rng)


def _date(key: str, rng: random.Random, today: date) -> date:
    if "dog_birth" in key:
        return _date_between(rng, today - timedelta(days=15 * 365), today - timedelta(days=60))
    if "birth" in key:
        return _date_between(rng, date(1935, 1, 1), date(2024, 12, 31))
    if "death" in key:
        return _date_between(rng, today - timedelta(days=20 * 365), today - timedelta(days=3))
    if "marriage" in key:
        return _date_between(rng, date(1965, 1, 1), today - timedelta(days=30))
    if "since" in key or "acquired" in key or "previous" in key:
        return _date_between(rng, today - timedelta(days=12 * 365), today - timedelta(days=7))
    # starts, ends, changes, validity: around now, mostly ahead
    return _date_between(rng, today - timedelta(days=30), today + timedelta(days=120))


def _company(citizen: Citizen, rng: random.Random) -> str:
    return f"{citizen.family_name} {rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_SUFFIX)}".strip()


def _text(key: str, kind: str, citizen: Citizen, rng: random.Random) -> str:
    special = _special_text(key, citizen, rng)
    if special is not None:
        return special
    if "given_name" in key:
        return rng.choice(GIVEN_NAMES)
    if "mother" in key or "father" in key or "owner_name" in key or key == "previous_owner":
        return f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}"
    if (
        "family_name" in key
        or "surname" in key
        or "married_name" in key
        or "birth_name" in key
        or (
            key.endswith("_name")
            and "dog" not in key
            and "company" not in key
            and "business" not in key
        )
    ):
        return rng.choice(FAMILY_NAMES)
    if "dog" in key and "name" in key:
        return rng.choice(DOG_NAMES)
    if "breed" in key:
        return rng.choice(BREEDS)
    if "company" in key or "business_name" in key or "trade_name" in key:
        return _company(citizen, rng)
    if "activity" in key or "description" in key:
        return rng.choice(ACTIVITIES)
    if "plate" in key:
        letters = "ABCDEFGHKLMNPRSTUVWXYZ"
        return f"MS-{rng.choice(letters)}{rng.choice(letters)} {rng.randrange(1, 9999)}"
    if "address" in key:
        town, code = rng.choice(OTHER_TOWNS)
        return f"{rng.choice(STREETS)} {rng.randrange(1, 120)}\n{code} {town}"
    if (
        "place" in key
        or "city" in key
        or "municipality" in key
        or "town" in key
        or "residence" in key
        or "location" in key
    ):
        return rng.choice(OTHER_TOWNS)[0]
    if "postal" in key or "zip" in key:
        return rng.choice(OTHER_TOWNS)[1]
    if "street" in key:
        return f"{rng.choice(STREETS)} {rng.randrange(1, 120)}"
    if kind == "multiline" and not key.startswith("purpose"):
        return rng.choice(REMARKS)
    if "purpose" in key or "reason" in key:
        return rng.choice(PURPOSES)
    if "zone" in key:
        return f"Zone {rng.choice('ABCDE')}"
    return rng.choice(["siehe Anlage", "keine Angabe", "wie oben", citizen.family_name])


def _special_text(key: str, citizen: Citizen, rng: random.Random) -> str | None:
    """Fields whose names say exactly what they hold."""
    year = rng.randrange(1970, 2025)
    if key == "nationality":
        return citizen.nationality
    if key == "register_court":
        return rng.choice(COURTS)
    if key == "register_number":
        if rng.random() < 0.5:
            return f"HRB {rng.randrange(1000, 99999)}"
        return f"{rng.choice('GEST')} {rng.randrange(1, 2500)}/{year}"
    if key in ("tax_tag_number", "previous_tax_tag"):
        return f"{rng.randrange(1, 9999):04d}"
    if key in ("tax_reference", "previous_file_reference", "previous_permit_number"):
        return f"{rng.choice(['HSt', 'GEW', 'BPA'])}-{year}-{rng.randrange(1, 99999):05d}"
    if key == "chip_number":
        return f"276{rng.randrange(10**11, 10**12)}"
    if key == "colour":
        return rng.choice(COLOURS)
    if key == "liability_insurer":
        return rng.choice(INSURERS)
    if key == "website":
        return f"https://www.{_ascii_slug(citizen.family_name)}-{rng.randrange(1, 99)}.example"
    if key in ("successor", "new_owner_name"):
        return f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}"
    if key in ("permit_details",):
        return "Erlaubnis nach § 34c GewO liegt vor (Kopie anbei)."
    return None

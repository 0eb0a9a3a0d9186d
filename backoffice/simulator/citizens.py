"""Realistic (fictitious) citizens and the form data they type into the portal.

Reads a service template as plain JSON data (the simulator does not import the
program's domain layer) and fills each field plausibly for its type and name.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
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
ACTIVITIES = [
    "Einzelhandel mit Lebensmitteln und Getränken",
    "Softwareentwicklung und IT-Beratung",
    "Friseursalon",
    "Handel mit Gebrauchtwagen",
    "Café mit Außengastronomie",
    "Hausmeisterservice und Gartenpflege",
    "Online-Handel mit Bekleidung",
]
COMPANY_SUFFIX = ["GmbH", "UG (haftungsbeschränkt)", "e.K.", "GbR", ""]
PURPOSES = [
    "Rentenangelegenheit",
    "Eheschließung",
    "Passantrag",
    "Erbschaftsangelegenheit",
    "Vorlage beim Arbeitgeber",
    "Familienkasse",
    "persönliche Unterlagen",
]


def _date_between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


class Citizen:
    def __init__(self, rng: random.Random) -> None:
        self.given_name = rng.choice(GIVEN_NAMES)
        self.family_name = rng.choice(FAMILY_NAMES)
        self.birth_date = _date_between(rng, date(1940, 1, 1), date(2006, 12, 31))
        slug = (self.given_name + "." + self.family_name).lower()
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
        self.email = f"{slug}@example.org"
        self.phone = f"0251 {rng.randrange(100000, 9999999)}"
        self.street = rng.choice(STREETS)
        self.house_number = f"{rng.randrange(1, 180)}{rng.choice(['', '', '', 'a', 'b'])}"
        self.city, self.postal_code = TOWN


def fill_form(
    template: dict[str, Any], rng: random.Random, citizen: Citizen | None = None
) -> dict[str, dict[str, Any]]:
    """Form data ``{group: {field: value}}`` for a template given as JSON data."""
    citizen = citizen or Citizen(rng)
    data: dict[str, dict[str, Any]] = {}
    for group in template["field_groups"]:
        values: dict[str, Any] = {}
        for field in group["fields"]:
            if not field.get("required") and rng.random() < 0.15:
                continue
            values[field["key"]] = _value(field, group["key"], citizen, rng)
        data[group["key"]] = values
    return data


def _value(field: dict[str, Any], group: str, citizen: Citizen, rng: random.Random) -> Any:
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
        return rng.randrange(1, 4) if "cop" in key or "count" in key else rng.randrange(1, 100)
    if kind == "date":
        if "birth" in key or "death" in key or "marriage" in key:
            return _date_between(rng, date(1950, 1, 1), date(2024, 12, 31)).isoformat()
        return _date_between(rng, date(2025, 1, 1), date(2027, 3, 31)).isoformat()
    if kind == "email":
        return citizen.email
    if kind == "phone":
        return citizen.phone
    return _text(key, kind, citizen, rng)


def _text(key: str, kind: str, citizen: Citizen, rng: random.Random) -> str:
    if "given_name" in key:
        return rng.choice(GIVEN_NAMES)
    if (
        "family_name" in key
        or "surname" in key
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
        return (
            f"{citizen.family_name} {rng.choice(['Handel', 'Service', 'Design', 'Consulting'])} "
            f"{rng.choice(COMPANY_SUFFIX)}".strip()
        )
    if "activity" in key or "description" in key:
        return rng.choice(ACTIVITIES)
    if "plate" in key:
        return (
            f"MS-{rng.choice('ABCDEFGHKLMNPRSTUVWXYZ')}{rng.choice('ABCDEFGHKLMNPRSTUVWXYZ')} "
            f"{rng.randrange(1, 9999)}"
        )
    if "place" in key or "city" in key or "municipality" in key or "town" in key:
        return rng.choice(OTHER_TOWNS)[0]
    if "postal" in key or "zip" in key:
        return rng.choice(OTHER_TOWNS)[1]
    if "street" in key:
        return f"{rng.choice(STREETS)} {rng.randrange(1, 120)}"
    if "purpose" in key or "reason" in key:
        return rng.choice(PURPOSES)
    if "zone" in key:
        return f"Zone {rng.choice('ABCDE')}"
    if kind == "multiline":
        return "Bitte um zügige Bearbeitung.\nVielen Dank!"
    return rng.choice(["siehe Anlage", "keine Angabe", "wie oben", citizen.family_name])

"""The trainee roster as CSV: import (checked in full, matched to the trainees already known)
and export.

A row matches a stored trainee by its ID column when it has one, else by email, else by name
and country (accents, case and spacing ignored; by name alone when the file has no country
column). A matched trainee is updated with the file's columns; the columns the file does not
have are kept as they are, so a short list (name and email) never wipes the groups or dietary
needs. A name may come whole (``Full name``, ``Name as in passport``, ``姓名``) or as given
name and surname.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from datetime import datetime
from functools import cache
from typing import Any

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.io.csv_files import (
    Change,
    ImportPlan,
    ImportRefused,
    Row,
    check_in_workshop,
    id_in_use,
    normal_words,
    read_table,
    row_problem,
    sort_problems,
    synonym_table,
    write_csv,
)
from cistrat_tui.core.memory import without_collector
from cistrat_tui.core.records import values as v
from cistrat_tui.core.records.model import SiteKind, Trainee
from cistrat_tui.core.records.people import DIET_LABELS, Diet, FlightLeg, diets_in_text
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference.places import place_by_key, place_id, place_keys

SPELLINGS: dict[str, tuple[str, ...]] = {
    "name": ("full name", "name as in passport", "name (as in passport)", "passport name",
             "participant", "trainee", "trainee name", "participant name", "姓名", "名字",
             "全名", "护照姓名", "护照名"),
    "given_name": ("given name", "given names", "first name", "forename", "名"),
    "surname": ("surname", "last name", "family name", "姓"),
    "country": ("country of origin", "home country", "国家"),
    "nationality": ("citizenship", "passport nationality", "国籍"),
    "passport_number": ("passport", "passport no", "passport no.", "passport nr",
                        "passport number", "护照", "护照号", "护照号码"),
    "passport_expiry": ("passport expiry", "passport expiry date", "passport valid until",
                        "expiry date", "date of expiry", "护照有效期", "有效期", "有效期至"),
    "gender": ("sex", "性别"),
    "diets": ("diet kinds", "dietary needs (kinds)", "dietary categories", "饮食类别"),
    "date_of_birth": ("birth date", "birthday", "dob", "date of birth", "出生日期", "生日"),
    "arrival_flight": ("arrival flight", "arrival flight number", "arriving flight",
                       "inbound flight", "到达航班", "抵达航班", "来程航班"),
    "arrival_airport": ("arrival airport", "arriving at", "到达机场", "抵达机场"),
    "arrival_date": ("arrival date", "到达日期", "抵达日期"),
    "arrival_time": ("arrival time", "arrival date and time", "landing time", "到达时间",
                     "抵达时间"),
    "arrival_terminal": ("arrival terminal", "terminal", "到达航站楼", "抵达航站楼", "航站楼"),
    "departure_flight": ("departure flight", "departure flight number", "return flight",
                         "outbound flight", "离开航班", "返程航班", "离境航班"),
    "departure_airport": ("departure airport", "离开机场", "返程机场", "离境机场"),
    "departure_date": ("departure date", "离开日期", "返程日期", "离境日期"),
    "departure_time": ("departure time", "departure date and time", "离开时间", "返程时间",
                       "起飞时间"),
    "departure_terminal": ("departure terminal", "离开航站楼", "返程航站楼"),
    "organization": ("organisation", "institution", "institute", "affiliation", "employer",
                     "agency", "ministry", "工作单位", "单位", "机构", "所在单位"),
    "email": ("e-mail", "email address", "e-mail address", "mail", "电子邮件", "电子邮箱",
              "邮箱", "邮件"),
    "phone": ("telephone", "tel", "mobile", "mobile phone", "phone number", "cell",
              "whatsapp", "电话", "手机", "手机号", "联系电话"),
    "group": ("team", "group name", "组", "分组", "小组", "组别"),
    "dietary": ("dietary needs", "dietary requirements", "dietary restrictions", "diet",
                "food", "饮食", "饮食要求", "饮食禁忌"),
    "emergency_contact": ("emergency", "emergency contact person", "in case of emergency",
                          "紧急联系人", "紧急联系方式"),
    "notes": ("note", "remarks", "comments", "comment", "备注"),
    "id": ("trainee id", "record id"),
}
SYNONYMS = synonym_table(SPELLINGS)
FIELDS = ("name", "country", "organization", "email", "phone", "group", "dietary",
          "emergency_contact", "notes", "nationality", "passport_number", "passport_expiry",
          "gender", "date_of_birth")
HEADER = ("Name (as in passport)", "Country", "Organization", "Email", "Phone", "Group",
          "Dietary needs", "Emergency contact", "Notes", "Diets", "Nationality", "Passport number",
          "Passport expiry", "Gender", "Date of birth", "Arrival flight", "Arrival airport",
          "Arrival time", "Arrival terminal", "Departure flight", "Departure airport",
          "Departure time", "Departure terminal", "ID")
FLIGHT_PARTS = ("flight", "airport", "date", "time", "terminal")


def _values(row: Row, airports: Airports) -> dict[str, Any]:
    """The row's cells as Trainee fields: the name joined from its parts if need be, the
    structured diets read from the dietary note, the flights built from their columns."""
    values: dict[str, Any] = {name: row.cells[name] for name in FIELDS if name in row.cells}
    if "name" not in row.cells:
        values["name"] = " ".join(part for part in (row.cells.get("given_name", ""),
                                                    row.cells.get("surname", "")) if part)
    for blank_is_none in ("passport_expiry", "date_of_birth"):
        if values.get(blank_is_none) == "":
            values[blank_is_none] = None
    if "diets" in row.cells:
        values["diets"] = diet_list(row.cells["diets"])
    elif "dietary" in values:
        values["diets"] = diets_in_text(values["dietary"])
    for leg in ("arrival", "departure"):
        if any(f"{leg}_{part}" in row.cells for part in FLIGHT_PARTS):
            values[leg] = _flight(row, leg, airports)
    return values


_DIET_NAMES = {name.casefold(): diet for diet, pair in DIET_LABELS.items() for name in pair}


def diet_list(cell: str) -> tuple[Diet, ...]:
    """Needs listed in a cell: 'halal; no alcohol', 'Gluten-free', '清真'."""
    parts = [p.strip() for p in re.split(r"[,;/、，；]", cell) if p.strip()]  # noqa: RUF001 (Chinese separators)
    return tuple(_DIET_NAMES.get(p.casefold()) or v.enum_value(Diet, p, "diets")
                 for p in parts)


class Airports:
    """The workshop's airports, found by code (PEK), English or Chinese name, or id."""

    def __init__(self, workshop: Workshop) -> None:
        self.sites = [s for s in workshop.sites.values() if s.kind is SiteKind.AIRPORT]
        self.codes = {code: site for site in self.sites
                      if (code := airport_code(site.id)) is not None}

    def find(self, text: str, field: str) -> str:
        key = text.strip()
        if key.upper() in self.codes:
            return self.codes[key.upper()].id
        words = normal_words(key)
        found = [s for s in self.sites if s.id == key or words in normal_words(s.name_en)
                 or (s.name_zh and key in s.name_zh)]
        if len(found) == 1:
            return found[0].id
        known = ", ".join(sorted(self.codes)) or "none"
        if found:
            raise ValidationError(field, f"{text!r} matches {len(found)} airports; give its "
                                  f"code ({known})")
        raise ValidationError(field, f"{text!r} is not an airport of the workshop (codes: "
                              f"{known}); add the airport as a site first")


def _flight(row: Row, leg: str, airports: Airports) -> FlightLeg | None:
    """A flight from its columns: all blank is no flight; a partial one is an error."""
    cells = {part: row.cells.get(f"{leg}_{part}", "") for part in FLIGHT_PARTS}
    if not any(cells.values()):
        return None
    moment = " ".join(p for p in (cells["date"], cells["time"]) if p)
    missing = [label for label, ok in (("flight number", cells["flight"]),
                                       ("airport", cells["airport"]),
                                       ("date and time", cells["time"] or cells["date"]))
               if not ok]
    if missing:
        raise ValidationError(f"{leg} flight", f"give the {' and the '.join(missing)} too "
                              "(or leave every column of the flight blank)")
    try:
        at = datetime.fromisoformat(moment.replace("T", " "))
    except ValueError:
        raise ValidationError(f"{leg} time", f"{moment!r} is not a date and time (expected "
                              "YYYY-MM-DD HH:MM, local time at the airport)") from None
    if at.tzinfo is None:
        at = at.replace(tzinfo=v.SHANGHAI)
    if (at.hour, at.minute) == (0, 0) and not cells["time"] and len(moment) <= 10:
        raise ValidationError(f"{leg} time", f"{moment!r} has no time of day; give the "
                              "landing or take-off time too")
    airport = airports.find(cells["airport"], f"{leg} airport")
    return FlightLeg(cells["flight"], airport, at, cells["terminal"])


def _person_key(name: str, country: str | None) -> tuple[str, str | None]:
    return normal_words(name), None if country is None else normal_words(country)


class _Matcher:
    """Finds the stored trainee a row means."""

    def __init__(self, trainees: Iterable[Trainee], has_country: bool) -> None:
        self.by_id = {t.id: t for t in trainees}
        self.by_email: dict[str, list[Trainee]] = {}
        self.by_person: dict[tuple[str, str | None], list[Trainee]] = {}
        self.has_country = has_country
        for trainee in self.by_id.values():
            if trainee.email:
                self.by_email.setdefault(trainee.email.casefold(), []).append(trainee)
            self.by_person.setdefault(self._key(trainee.name, trainee.country),
                                      []).append(trainee)

    def _key(self, name: str, country: str) -> tuple[str, str | None]:
        return _person_key(name, country if self.has_country else None)

    def find(self, values: dict[str, str], record_id: str | None) -> Trainee | None:
        if record_id and record_id in self.by_id:
            return self.by_id[record_id]
        email = values.get("email", "").casefold()
        if email and len(self.by_email.get(email, ())) == 1:
            return self.by_email[email][0]
        found = self.by_person.get(self._key(values.get("name", ""),
                                             values.get("country", "")), [])
        if len(found) > 1:
            raise ValidationError("name", f"{found[0].name!r} matches {len(found)} trainees; "
                                  "add their email (or the ID column) to tell them apart")
        return found[0] if found else None


@without_collector
def plan_trainee_import(data: bytes, workshop: Workshop) -> ImportPlan:
    """Check a roster file against the workshop: the plan of every change, or ImportRefused
    that lists every bad row. Changes nothing."""
    table = read_table(data, SYNONYMS, what="trainees")
    if "name" not in table.fields and not {"given_name", "surname"} <= table.fields:
        raise ImportRefused(["no column for the name (a 'Name' or 'Name as in passport' "
                             "column, or 'Given name' and 'Surname')"])
    matcher = _Matcher(workshop.trainees.values(), "country" in table.fields)
    airports = Airports(workshop)
    problems: list[str] = list(table.problems)
    changes: list[Change] = []
    unchanged = 0
    claimed: dict[str, int] = {}  # trainee id -> the row that set it
    emails: dict[str, tuple[int, str]] = {}  # email -> (row, trainee id) of the import
    people: dict[tuple[str, str | None], tuple[int, bool]] = {}  # new -> row, has email
    for row in table.rows:
        try:
            values = _values(row, airports)
            record_id = v.check_id(row.cells["id"], "id") if row.cells.get("id") else None
            before = matcher.find(values, record_id)
            if before is None and "country" not in row.cells and values.get("nationality"):
                values["country"] = values["nationality"]  # a new trainee: most often so
            if before is not None:
                after = dataclasses.replace(before, **values)
            elif record_id and not id_in_use(workshop, record_id):
                after = Trainee(**values, id=record_id)  # from another database: keep it
            else:
                after = Trainee(**values)
        except ValidationError as error:
            problems.append(row_problem(row.number, error))
            continue
        if after.id in claimed:
            problems.append(f"row {row.number}: the same trainee as row {claimed[after.id]} "
                            f"({after.name!r}); keep one of the two rows")
            continue
        claimed[after.id] = row.number
        if before is None:
            person = _person_key(after.name, after.country)
            earlier = people.get(person)
            if earlier is not None and not (after.email and earlier[1]):
                problems.append(f"row {row.number}: {after.name!r} from {after.country!r} "
                                f"is already on row {earlier[0]}; give each an email if "
                                "they are two people")
                continue
            people.setdefault(person, (row.number, bool(after.email)))
        if after.email:
            seen = emails.get(after.email.casefold())
            if seen is not None and seen[1] != after.id:
                problems.append(f"row {row.number}: email {after.email!r} is also on row "
                                f"{seen[0]}")
                continue
            emails[after.email.casefold()] = (row.number, after.id)
        if before is not None and before.to_dict() == after.to_dict():
            unchanged += 1
        else:
            changes.append(Change(row.number, before, after))
    for trainee in workshop.trainees.values():
        seen = emails.get(trainee.email.casefold()) if trainee.email else None
        if seen is not None and trainee.id not in claimed:
            problems.append(f"row {seen[0]}: email {trainee.email!r} is already the email of "
                            f"{trainee.name!r}")
    check_in_workshop(workshop, changes, problems)
    if problems:
        raise ImportRefused(sort_problems(problems))
    return ImportPlan("trainees", table, changes, unchanged)


@cache
def _reference_airport_codes() -> dict[str, str]:
    return {place_id(key): key.upper() for key in place_keys()
            if place_by_key(key).kind is SiteKind.AIRPORT}


def airport_code(site_id: str) -> str | None:
    """The IATA code of a reference airport (PEK), None for another site."""
    return _reference_airport_codes().get(site_id)


def _flight_cells(workshop: Workshop, leg: FlightLeg | None) -> list[str]:
    if leg is None:
        return ["", "", "", ""]
    site = workshop.sites.get(leg.airport_id)
    airport = airport_code(leg.airport_id) or (site.name_en if site else leg.airport_id)
    return [leg.flight_number, airport, f"{leg.at.astimezone(v.SHANGHAI):%Y-%m-%d %H:%M}",
            leg.terminal]


def flight_text(workshop: Workshop, leg: FlightLeg | None) -> str:
    """A flight on one line, as a form shows it: 'ET604 PEK 2027-03-07 07:40 T3'."""
    return " ".join(p for p in _flight_cells(workshop, leg) if p)


def parse_flight_text(text: str, workshop: Workshop, field: str) -> FlightLeg | None:
    """The flight a line of text describes (see :func:`flight_text`), None for a blank line;
    ValidationError naming ``field`` otherwise."""
    words = text.split()
    if not words:
        return None
    if len(words) < 4:
        raise ValidationError(field, "give the flight number, the airport, the date and the "
                              "time: ET604 PEK 2027-03-07 07:40 (and the terminal, if known)")
    number, airport, day, clock, *rest = words
    cells = {f"{field}_flight": number, f"{field}_airport": airport,
             f"{field}_date": day, f"{field}_time": clock, f"{field}_terminal": " ".join(rest)}
    return _flight(Row(0, cells), field, Airports(workshop))


def roster_csv(workshop: Workshop) -> bytes:
    """The roster as CSV bytes for Excel, sorted by name: the staff edition, with every
    personal field (passports, birth dates, flights), for the organizers only."""
    trainees = sorted(workshop.trainees.values(), key=lambda t: (t.name.casefold(), t.id))
    rows = [[t.name, t.country, t.organization, t.email, t.phone, t.group, t.dietary,
             t.emergency_contact, t.notes, "; ".join(d.value for d in t.diets),
             t.nationality, t.passport_number,
             t.passport_expiry.isoformat() if t.passport_expiry else "", t.gender.value,
             t.date_of_birth.isoformat() if t.date_of_birth else "",
             *_flight_cells(workshop, t.arrival), *_flight_cells(workshop, t.departure), t.id]
            for t in trainees]
    return write_csv(HEADER, rows)

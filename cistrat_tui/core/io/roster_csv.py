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
from collections.abc import Iterable

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
from cistrat_tui.core.records.model import Trainee
from cistrat_tui.core.records.workshop import Workshop

SPELLINGS: dict[str, tuple[str, ...]] = {
    "name": ("full name", "name as in passport", "name (as in passport)", "passport name",
             "participant", "trainee", "trainee name", "participant name", "姓名", "名字",
             "全名", "护照姓名", "护照名"),
    "given_name": ("given name", "given names", "first name", "forename", "名"),
    "surname": ("surname", "last name", "family name", "姓"),
    "country": ("nationality", "country of origin", "home country", "国家", "国籍"),
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
          "emergency_contact", "notes")
HEADER = ("Name (as in passport)", "Country", "Organization", "Email", "Phone", "Group",
          "Dietary needs", "Emergency contact", "Notes", "ID")


def _values(row: Row) -> dict[str, str]:
    """The row's cells by Trainee field, the name joined from its parts if need be."""
    values = {name: row.cells[name] for name in FIELDS if name in row.cells}
    if "name" not in row.cells:
        values["name"] = " ".join(part for part in (row.cells.get("given_name", ""),
                                                    row.cells.get("surname", "")) if part)
    return values


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
    problems: list[str] = list(table.problems)
    changes: list[Change] = []
    unchanged = 0
    claimed: dict[str, int] = {}  # trainee id -> the row that set it
    emails: dict[str, tuple[int, str]] = {}  # email -> (row, trainee id) of the import
    people: dict[tuple[str, str | None], tuple[int, bool]] = {}  # new -> row, has email
    for row in table.rows:
        values = _values(row)
        try:
            record_id = v.check_id(row.cells["id"], "id") if row.cells.get("id") else None
            before = matcher.find(values, record_id)
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


def roster_csv(workshop: Workshop) -> bytes:
    """The roster as CSV bytes for Excel, sorted by name; personal data: for staff only."""
    trainees = sorted(workshop.trainees.values(), key=lambda t: (t.name.casefold(), t.id))
    rows = [[t.name, t.country, t.organization, t.email, t.phone, t.group, t.dietary,
             t.emergency_contact, t.notes, t.id] for t in trainees]
    return write_csv(HEADER, rows)

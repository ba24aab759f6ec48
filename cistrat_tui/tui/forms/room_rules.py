"""The rooms of a hotel stay as the stay form edits them; free of Textual.

The stay form keeps a working list of rooms. One room is filled in in the room form (type,
number, who sleeps there, the mark that occupants of different gender agreed to share) and
checked by :func:`build_room`; :func:`put_room` puts it in the list, moving its occupants out
of the rooms they were in (a room left empty goes, as in the trainees area's room line).
:func:`rooms_report` says, for the whole list, what the checks would say: a room over its beds
or a guest who is not in the stay (errors: the form does not save), who is still without a
room and which shared rooms mix genders without the mark (shown, but saving is allowed:
rooms are often filled in over several sittings).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.model import Trainee
from cistrat_tui.core.records.people import ROOM_CAPACITY, Gender, Room, RoomType


@dataclass
class RoomValues:
    """The room form as the coordinator filled it in."""

    kind: str = RoomType.SINGLE.value
    number: str = ""
    occupants: tuple[str, ...] = ()
    agreed: bool = False


def room_values(room: Room) -> RoomValues:
    """The room form's values for an existing room."""
    return RoomValues(room.kind.value, room.number, room.occupant_ids, room.agreed_mixed)


def room_name(room: Room) -> str:
    """'twin room 601', or 'a twin room' when it has no number yet."""
    return f"{room.kind.value} room {room.number}" if room.number else \
        f"a {room.kind.value} room"


def build_room(values: RoomValues, others: Sequence[Room]) -> tuple[Room | None, dict[str, str]]:
    """The room the form describes, or the errors by field (``kind``, ``number``,
    ``occupants``); ``others`` are the stay's other rooms, whose numbers are taken."""
    errors: dict[str, str] = {}
    number = values.number.strip()
    if number and any(r.number == number for r in others):
        errors["number"] = f"the stay already has a room {number}"
    if not values.occupants:
        errors["occupants"] = "choose who sleeps in the room"
    try:
        kind = RoomType(values.kind)
    except ValueError:
        errors["kind"] = "choose single, twin or double"
    else:
        beds = ROOM_CAPACITY[kind]
        if len(values.occupants) > beds:
            errors["occupants"] = (f"a {kind.value} room sleeps {beds}, and "
                                   f"{len(values.occupants)} are chosen")
    if errors:
        return None, errors
    try:
        room = Room(kind, tuple(values.occupants), number, values.agreed)
    except ValidationError as error:
        field_name = "number" if error.field == "room number" else "occupants"
        return None, {field_name: error.reason}
    return room, {}


def put_room(rooms: Sequence[Room], at: int | None, room: Room) -> tuple[Room, ...]:
    """The rooms with ``room`` in place of the one at ``at`` (added at the end when None);
    its occupants leave whichever other room they were in, and a room left empty goes."""
    placed = list(rooms)
    if at is None:
        placed.append(room)
        at = len(placed) - 1
    else:
        placed[at] = room
    moved = set(room.occupant_ids)
    kept: list[Room] = []
    for n, other in enumerate(placed):
        if n != at:
            other = replace(other, occupant_ids=tuple(t for t in other.occupant_ids
                                                       if t not in moved))
            if not other.occupant_ids:
                continue
        kept.append(other)
    return tuple(kept)


def remove_room(rooms: Sequence[Room], at: int) -> tuple[Room, ...]:
    """The rooms without the one at ``at``."""
    return tuple(r for n, r in enumerate(rooms) if n != at)


def occupant_choices(staying: Sequence[Trainee], rooms: Sequence[Room],
                     editing: int | None) -> list[tuple[str, str]]:
    """(label, trainee id) for the room form's list of guests: everyone in the stay, each
    marked with the room they have now; the room's own guests first, then those still
    without a room, then those in other rooms (choosing one moves them), each by name."""
    own = set(rooms[editing].occupant_ids) if editing is not None else set()
    where = {t: room_name(r) for n, r in enumerate(rooms) if n != editing
             for t in r.occupant_ids}

    def order(trainee: Trainee) -> tuple[int, str]:
        return (0 if trainee.id in own else 2 if trainee.id in where else 1, trainee.name)

    return [(f"{t.name}" + (f" (now in {where[t.id]})" if t.id in where else ""), t.id)
            for t in sorted(staying, key=order)]


@dataclass
class RoomsReport:
    """What the checks would say about a stay's rooms."""

    errors: list[str] = field(default_factory=list)  # the form does not save
    missing: list[str] = field(default_factory=list)  # names still without a room
    warnings: list[str] = field(default_factory=list)  # shown; saving is allowed

    def text(self) -> str:
        """The lines under the rooms table (the errors are shown beside it): who is still
        missing, then the warnings."""
        lines = []
        if self.missing:
            lines.append(f"Still without a room ({len(self.missing)}): "
                         f"{', '.join(self.missing)}")
        lines += self.warnings
        return "\n".join(lines)


def rooms_report(rooms: Sequence[Room], staying: Sequence[Trainee],
                 trainees: dict[str, Trainee]) -> RoomsReport:
    """The rooms of a stay against who stays (the same rules as the checks'): capacity,
    guests not in the stay, people without a room (once the stay has any room), different
    genders sharing without the mark."""
    report = RoomsReport()
    staying_ids = {t.id for t in staying}

    def name(trainee_id: str) -> str:
        return trainees[trainee_id].name if trainee_id in trainees else trainee_id

    for room in rooms:
        if len(room.occupant_ids) > room.capacity:
            report.errors.append(f"{room_name(room).capitalize()} sleeps {room.capacity} but "
                                 f"holds {len(room.occupant_ids)}.")
        strangers = [name(t) for t in room.occupant_ids if t not in staying_ids]
        if strangers:
            report.errors.append(f"{', '.join(strangers)} in {room_name(room)} "
                                 f"{'is' if len(strangers) == 1 else 'are'} not among the "
                                 "people of this stay: take them out of the room.")
        genders = {trainees[t].gender for t in room.occupant_ids if t in trainees} \
            - {Gender.UNSPECIFIED}
        if len(genders) > 1 and not room.agreed_mixed:
            report.warnings.append(f"{room_name(room).capitalize()} is shared by people of "
                                   "different gender: mark it agreed if they asked to share.")
    if rooms:
        report.missing = [t.name for t in sorted(staying, key=lambda t: t.name)
                          if not any(t.id in r.occupant_ids for r in rooms)]
    return report


def room_cells(room: Room, trainees: dict[str, Trainee]) -> tuple[str, str, str, str]:
    """One room as a row of the stay form's rooms table: number, type, guests, agreed."""
    guests = ", ".join(trainees[t].name if t in trainees else t for t in room.occupant_ids)
    return (room.number or "-", f"{room.kind.value} ({len(room.occupant_ids)}/"
            f"{room.capacity})", guests, "agreed" if room.agreed_mixed else "")

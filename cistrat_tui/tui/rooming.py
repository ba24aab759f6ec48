"""Putting a trainee in a room of each stay, from one short line per stay; free of Textual.

The coordinator types ``601 twin`` (room number and type), ``601`` (a room the stay already
has), ``601 twin agreed`` (a shared room whose occupants of different gender agreed), or
nothing (no room in that stay). The trainee leaves their old room; a room left empty is
dropped. The stay's own validation (nobody in two rooms) and the checks (capacity, gender)
then speak as for any other change.
"""

from __future__ import annotations

from dataclasses import replace

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records import values as v
from cistrat_tui.core.records.activity import Stay
from cistrat_tui.core.records.people import Room, RoomType


def room_text(stay: Stay, trainee_id: str) -> str:
    """The line for a trainee's room in a stay: '601 twin', '601 twin agreed' or ''."""
    room = stay.room_of(trainee_id)
    if room is None:
        return ""
    parts = [room.number or "-", room.kind.value] + (["agreed"] if room.agreed_mixed else [])
    return " ".join(parts)


def assign_room(stay: Stay, trainee_id: str, text: str) -> Stay:
    """The stay with the trainee in the room ``text`` names (see the module); ValidationError
    for a line that names no room type for a new room, or an unknown type."""
    words = text.split()
    agreed = bool(words) and words[-1].casefold() == "agreed"
    if agreed:
        words = words[:-1]
    if len(words) > 2:
        raise ValidationError("room", f"{text!r}: give the room number and its type "
                              "(single, twin, double), e.g. '601 twin'")
    rooms = [replace(r, occupant_ids=tuple(t for t in r.occupant_ids if t != trainee_id))
             for r in stay.rooms]
    if words:
        number = "" if words[0] == "-" else words[0]
        kind = v.enum_value(RoomType, words[1], "room type") if len(words) == 2 else None
        same = next((n for n, r in enumerate(rooms) if number and r.number == number), None)
        if same is None:
            if kind is None:
                raise ValidationError("room", f"the stay has no room {number!r} yet; give its "
                                      "type too, e.g. '601 twin'")
            rooms.append(Room(kind, (trainee_id,), number, agreed))
        else:
            room = rooms[same]
            rooms[same] = replace(room, kind=kind or room.kind,
                                  occupant_ids=(*room.occupant_ids, trainee_id),
                                  agreed_mixed=agreed or room.agreed_mixed)
    kept = tuple(r for r in rooms if r.occupant_ids)
    return replace(stay, rooms=kept)

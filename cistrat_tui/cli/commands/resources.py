"""``cistrat-tui resources``: the vehicles, interpreters and guides that activities book.

``resources`` lists them with what books them; ``resources add vehicle "Coach 2" --seats 45
--plate 京B·D5507 --driver "Wang Jun" --driver-phone "+86 139 ..." --company ...`` adds one
(``interpreter`` and ``guide`` take a name, company and phone); ``resources remove NAME`` deletes
one that nothing books. Booking one for an activity is done in the app's activity form.
"""

from __future__ import annotations

import argparse

from cistrat_tui.cli.base import Command, common_options, open_store


def configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="action")
    add = actions.add_parser("add", parents=[common_options()], help="add a vehicle, "
                             "interpreter or guide")
    add.add_argument("kind", choices=("vehicle", "interpreter", "guide"))
    add.add_argument("name", help="how the coordinator calls it: 'Coach 2', 'Zhao Min'")
    add.add_argument("--company", default="")
    add.add_argument("--phone", default="", help="the company's or the person's phone")
    add.add_argument("--plate", default="", help="a vehicle's number plate")
    add.add_argument("--driver", default="", help="a vehicle's driver")
    add.add_argument("--driver-phone", default="")
    add.add_argument("--seats", type=int, default=None, help="a vehicle's passenger seats")
    add.add_argument("--diets", default="", help="a person's dietary needs: 'halal, vegan'")
    add.set_defaults(run=run_add)
    remove = actions.add_parser("remove", parents=[common_options()],
                                help="delete one that no activity books")
    remove.add_argument("name", help="its name (or id)")
    remove.set_defaults(run=run_remove)


def run(args: argparse.Namespace) -> int:
    """List every resource and how many activities book it."""
    store, _created = open_store(args, readonly=True)
    with store:
        workshop = store.workshop
        resources = sorted(workshop.resources.values(), key=lambda r: (r.kind.value, r.name))
        for resource in resources:
            booked = len(workshop.users_of_resource(resource.id))
            extra = f", driver {resource.driver} {resource.driver_phone}".rstrip() \
                if resource.driver else ""
            print(f"{resource.label()}{extra}: booked for {booked} "
                  f"activit{'y' if booked == 1 else 'ies'}")
    if not resources:
        print("no vehicles, interpreters or guides yet; add one with 'resources add'")
    return 0


def run_add(args: argparse.Namespace) -> int:
    from cistrat_tui.core.errors import ValidationError
    from cistrat_tui.core.io.roster_csv import diet_list
    from cistrat_tui.core.records.people import Resource

    resource = Resource(args.kind, args.name, company=args.company, phone=args.phone,
                        plate=args.plate, driver=args.driver, driver_phone=args.driver_phone,
                        seats=args.seats, diets=diet_list(args.diets))
    store, _created = open_store(args, readonly=False)
    with store:
        taken = [r for r in store.workshop.resources.values()
                 if r.name.casefold() == resource.name.casefold()]
        if taken:
            raise ValidationError("name", f"{taken[0].label()} already has that name")
        store.put(resource)
    print(f"added {resource.label()}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from cistrat_tui.core.errors import NotFoundError

    store, _created = open_store(args, readonly=False)
    with store:
        found = [r for r in store.workshop.resources.values()
                 if args.name in (r.id, r.name) or r.name.casefold() == args.name.casefold()]
        if len(found) != 1:
            raise NotFoundError(f"no vehicle, interpreter or guide is called {args.name!r}"
                                if not found else f"{len(found)} are called {args.name!r}; "
                                "give the id")
        store.remove(found[0])
    print(f"removed {found[0].label()}")
    return 0


COMMAND = Command("resources", "the vehicles, interpreters and guides: list, add, remove",
                  run, configure)

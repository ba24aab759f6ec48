"""The workshop's money: estimates drawn from the programme, entered cost lines, totals.

Exact decimal arithmetic throughout (never floats); see :mod:`.budget` for how estimates and
entered lines combine and :mod:`.estimates` for how each estimate is made."""

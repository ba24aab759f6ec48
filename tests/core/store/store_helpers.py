"""A small workshop with Chinese text, for store tests (the bundled sample is tested on its own)."""

from __future__ import annotations

from datetime import datetime, timedelta

from cistrat_tui.core.records.activity import Activity, Stay
from cistrat_tui.core.records.model import Participants, Programme, Site, Trainee
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop


def small_workshop(activities: int = 3) -> Workshop:
    """A programme with a park, a hotel, two trainees, a stay and ``activities`` visits."""
    workshop = Workshop(Programme("测试 Workshop 2027", "2027-03-07", "2027-03-27",
                                  notes="第一行\n第二行"))
    park = Site("science_park", "Zhangjiang Hi-Tech Park", "Shanghai", name_zh="张江高科技园区",
                address_zh="上海市浦东新区张江高科技园区", lat=31.2018, lon=121.5884,
                opening_hours={0: ("09:00", "17:30")})
    hotel = Site("hotel", "Sample Hotel", "Shanghai", name_zh="示例酒店", lat=31.2, lon=121.5)
    workshop.put(park)
    workshop.put(hotel)
    amina = Trainee("Amina Bekele", country="Ethiopia", group="A", email="amina@example.org")
    chen = Trainee("陈静", country="China", group="B")
    workshop.put(amina)
    workshop.put(chen)
    start = datetime(2027, 3, 8, 9, 0, tzinfo=SHANGHAI)
    for n in range(activities):
        begin = start + timedelta(days=n)
        workshop.put(Activity("visit", f"参观 visit {n}", begin, begin + timedelta(hours=2),
                              site_id=park.id, description="带护照 · bring your passport"))
    workshop.put(Stay(hotel.id, "2027-03-07", "2027-03-10",
                      participants=Participants("named", trainee_ids=(amina.id,))))
    return workshop

// Parse every .ics file named on the command line with ical.js, as Thunderbird-based and web
// clients do; print one JSON line per file: its events' UID, SEQUENCE, STATUS and UTC start.
import fs from "node:fs";
import ICAL from "ical.js";

for (const path of process.argv.slice(2)) {
  const data = fs.readFileSync(path, "utf8");
  const root = new ICAL.Component(ICAL.parse(data));
  for (const zone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const events = root.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const start = event.startDate;
    if (!start.isDate && start.zone.tzid !== "Asia/Shanghai") {
      throw new Error(`${path}: ${event.uid} starts in zone ${start.zone.tzid}`);
    }
    return {uid: event.uid, sequence: event.sequence,
            status: component.getFirstPropertyValue("status"),
            start: start.isDate ? start.toString() : start.toUnixTime(),
            alarms: component.getAllSubcomponents("valarm").length};
  });
  console.log(JSON.stringify({path, method: root.getFirstPropertyValue("method"), events}));
}

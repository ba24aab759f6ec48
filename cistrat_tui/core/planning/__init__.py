"""Route planning: door-to-door travel times, the order of stops, and packing them into days."""

"""What is still to book or confirm, and by when: needs derived from the programme, deadlines
from rules, states from the booking records."""

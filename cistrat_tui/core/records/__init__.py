"""The records (programme, sites, trainees, activities, stays), field rules and the aggregate."""

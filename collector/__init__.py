"""The shared store: one collector polls the vendors for the whole war room and writes to
MongoDB; viewers read from it instead of polling the vendors themselves."""

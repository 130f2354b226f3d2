"""How long the free texts of the service map may be (forms, models and the database)."""

# Limits of the texts people type (the longest in the demo data is under 300 characters).
DESCRIPTION_MAX_LENGTH = 5000  # about two pages: what a visitor reads on one screen and more


NOTE_MAX_LENGTH = 2000  # a coordinator's note on a decision, as the note form allows


HOURS_NOTE_MAX_LENGTH = 1000  # opening hours in words, beside the weekly table


MOTIVATION_MAX_LENGTH = 1000  # a member's function in the organisation, as the form allows


CORRECTION_MAX_LENGTH = 2000  # what a visitor says is wrong on an offering's page

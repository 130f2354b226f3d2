"""The domain exception every service raises for a rule a user broke."""


class DomainError(Exception):
    """A rule was broken; ``message`` is the translated text to show the user."""

    def __init__(self, message, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code

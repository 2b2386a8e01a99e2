"""Django's password checks, where its Dutch falls short.

Django 6.1 reworded the "too short" message (its msgid now has `%d`), and its Dutch
catalogue does not have the new wording yet: the Dutch UI said it in English. This
validator says it with a Dutch msgid of our own, translated in our English catalogue
(tests/networks/accounts/test_password_messages.py checks every check in both languages).
"""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort: gebruik minstens %(min_length)d teken.",
            "Dit wachtwoord is te kort: gebruik minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}

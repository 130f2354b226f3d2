import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from aanspreekpunt.accounts.models import Profile

PASSWORD = "Een-sterk-wachtwoord-2026"


class UserFactory(factory.django.DjangoModelFactory):
    """A member whose e-mail address is verified, with the test password."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.org")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Tester{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def two_factor(self, create, extracted, **kwargs):
        """``two_factor=True``: an authenticator app with the fixed test secret."""
        if create and extracted:
            from allauth.mfa.totp.internal.auth import TOTP

            from .totp import TEST_TOTP_SECRET

            TOTP.activate(self, TEST_TOTP_SECRET)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)

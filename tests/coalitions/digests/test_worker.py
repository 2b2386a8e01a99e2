"""The real path: `send_digests` puts tasks in the database queue, and the worker
(django-tasks-db's `db_worker`) takes them out and sends the mail. Runs on SQLite and, with
DATABASE_URL set, on PostgreSQL."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from coalitions.digests.tasks import send_digest

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings, transactional_db):
    settings.TASKS = DATABASE_QUEUE  # Django's tasks drop their cached backends on this
    return settings


def _quiet(command, *args):
    call_command(command, *args, stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))  # noqa: SIM115


def _work():
    _quiet("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0")


def test_the_worker_sends_what_send_digests_enqueued(queue, people, bob, cora, dave):
    _quiet("send_digests")
    assert mail.outbox == []  # only queued
    queued = DBTaskResult.objects.filter(task_path=send_digest.module_path)
    assert queued.count() == 3  # bob, cora, dave
    _work()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([bob.email, cora.email, dave.email])
    assert set(queued.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_enqueued_twice_the_worker_still_sends_once(queue, people, bob):
    _quiet("send_digests")
    _quiet("send_digests")
    _work()
    assert len([m for m in mail.outbox if m.to == [bob.email]]) == 1


def test_a_mail_that_fails_leaves_the_digest_due(queue, people, bob, monkeypatch):
    from coalitions.digests.models import MailPreference

    before = MailPreference.objects.get(user=bob).digest_until
    _quiet("send_digests")

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    _work()
    assert MailPreference.objects.get(user=bob).digest_until == before
    monkeypatch.undo()
    _quiet("send_digests")
    _work()
    assert [m for m in mail.outbox if m.to == [bob.email]]

"""The deployment files (Dockerfile, docker-compose.yml) checked against the code they start.

No Docker engine is needed: the compose file is read as YAML and every command it runs is
matched with the project's own files, so renaming a module, a setting or a management
command without updating the deployment breaks these tests.
"""

import ast
import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
SETTINGS = ROOT / "aanspreekpunt" / "settings.py"
GUNICORN_CONFIG = "deploy/gunicorn.conf.py"
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "platform.conf.template"

APP_SERVICES = ("web", "worker", "beat")
MAIL_CATCHER_IMAGES = ("mailpit", "mailhog", "mailcatcher")

# What production cannot do without. Outside DEBUG, settings.py gives SECRET_KEY no default
# (the platform refuses to start) and ALLOWED_HOSTS an empty list (every request is
# refused). Without DATABASE_URL each container would use its own SQLite file, without
# REDIS_URL Celery runs tasks in the web process and the worker and beat have no broker,
# without EMAIL_URL e-mail only goes to the console, and SITE_URL is in every e-mailed link.
REQUIRED_IN_PRODUCTION = (
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "ALLOWED_HOSTS",
    "EMAIL_URL",
    "SITE_URL",
)

# Variables a container may set that settings.py does not read (the image or gunicorn do).
READ_OUTSIDE_SETTINGS = {"DJANGO_SETTINGS_MODULE", "WEB_CONCURRENCY"}

# ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}
_VARIABLE = re.compile(r"\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


def interpolate(value) -> str:
    """The value as compose would see it: defaults filled in, required ones as a stand-in."""

    def replace(match):
        if match["op"] in (":-", "-"):
            return match["arg"]
        return f"given-{match['name'].lower()}"

    return _VARIABLE.sub(replace, str(value))


def settings_env_names() -> set[str]:
    """The names settings.py reads with `env(...)`, `env.str(...)`, `env.db_url(...)`, ..."""
    names = set()
    for node in ast.walk(ast.parse(SETTINGS.read_text())):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        first = node.args[0]
        target = node.func.value if isinstance(node.func, ast.Attribute) else node.func
        if (
            isinstance(target, ast.Name)
            and target.id == "env"
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
        ):
            names.add(first.value)
    return names


def module_level_names(path: Path) -> set[str]:
    names = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


def module_file(dotted: str) -> Path:
    return ROOT.joinpath(*dotted.split(".")).with_suffix(".py")


def command_lines(command) -> list[list[str]]:
    """The programs a compose `command` runs, each as an argument list.

    `sh -c "a && exec b"` counts as the commands inside the script.
    """
    argv = shlex.split(command) if isinstance(command, str) else [str(a) for a in command]
    if argv[:2] in (["sh", "-c"], ["bash", "-c"], ["/bin/sh", "-c"]):
        parts = re.split(r"&&|\|\||;", argv[2])
        argv_list = [shlex.split(part) for part in parts if part.strip()]
        return [args[1:] if args[0] == "exec" else args for args in argv_list]
    return [argv]


def check_entry_point(argv: list[str]) -> str:
    """Assert that the program named by argv exists in the project; return what it runs."""
    program = Path(argv[0]).name
    if program == "gunicorn":
        specs = [arg for arg in argv[1:] if re.fullmatch(r"[A-Za-z_][\w.]*:[A-Za-z_]\w*", arg)]
        assert len(specs) == 1, f"no single module:attribute in {argv}"
        module, attribute = specs[0].split(":")
        path = module_file(module)
        assert path.is_file(), f"gunicorn serves {module}, but {path} does not exist"
        assert attribute in module_level_names(path), f"{path} defines no {attribute}"
        assert argv[argv.index("--config") + 1] == GUNICORN_CONFIG, "not the measured settings"
        assert (ROOT / GUNICORN_CONFIG).is_file()
        return "gunicorn"
    if program == "celery":
        app = argv[argv.index("-A") + 1]
        # `celery -A pkg` falls back to the module `pkg.celery` and its `app`.
        path = module_file(f"{app}.celery")
        assert path.is_file(), f"celery -A {app}, but {path} does not exist"
        assert "app" in module_level_names(path), f"{path} defines no app"
        return f"celery {argv[argv.index('-A') + 2]}"
    if program.startswith("python") and argv[1:2] == ["manage.py"]:
        subcommand = argv[2]
        assert subcommand in get_commands(), f"manage.py has no command {subcommand!r}"
        return f"manage.py {subcommand}"
    raise AssertionError(f"unknown program in a deployment command: {argv}")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):  # the `- NAME=value` form
        env = dict(item.split("=", 1) for item in env)
    return {name: interpolate(value) for name, value in env.items()}


def test_compose_has_every_service(services):
    for name in (*APP_SERVICES, "postgres", "redis"):
        assert name in services
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    assert any(
        any(image in str(service.get("image", "")) for image in MAIL_CATCHER_IMAGES)
        for service in services.values()
    ), "no mail catcher"


@pytest.mark.parametrize("name", REQUIRED_IN_PRODUCTION)
def test_required_variables_are_read_by_settings(name):
    assert f'"{name}"' in SETTINGS.read_text(), f"settings.py no longer mentions {name}"
    assert name in settings_env_names(), f"settings.py does not read {name} from the environment"


@pytest.mark.parametrize("service_name", APP_SERVICES)
def test_app_services_set_what_production_requires(services, service_name):
    env = environment(services[service_name])
    for name in REQUIRED_IN_PRODUCTION:
        assert env.get(name, "").strip(), f"{service_name} does not set {name}"
    assert env.get("DEBUG", "false").lower() in ("false", "0", "no", "off")
    # A typo in a variable name would silently fall back to a default.
    unknown = set(env) - settings_env_names() - READ_OUTSIDE_SETTINGS
    assert not unknown, f"{service_name} sets variables settings.py does not read: {unknown}"


def test_app_services_share_one_environment(services):
    web = services["web"]["environment"]
    for name in APP_SERVICES:
        assert services[name]["environment"] == web


def test_service_urls_point_at_the_services(services):
    env = environment(services["web"])
    database = urlsplit(env["DATABASE_URL"])
    assert database.scheme in ("postgres", "postgresql", "pgsql")
    assert (database.hostname, database.port) == ("postgres", 5432)
    postgres = environment(services["postgres"])
    assert database.username == postgres["POSTGRES_USER"]
    assert database.password == postgres["POSTGRES_PASSWORD"]
    assert database.path.lstrip("/") == postgres["POSTGRES_DB"]

    redis = urlsplit(env["REDIS_URL"])
    assert (redis.scheme, redis.hostname, redis.port) == ("redis", "redis", 6379)

    mail = urlsplit(env["EMAIL_URL"])
    assert mail.scheme == "smtp"
    assert mail.hostname in services
    assert any(image in services[mail.hostname]["image"] for image in MAIL_CATCHER_IMAGES)
    assert mail.port == 1025


def test_app_services_wait_for_healthy_dependencies(services):
    for name in APP_SERVICES:
        depends_on = services[name]["depends_on"]
        assert depends_on["redis"]["condition"] == "service_healthy"
        # the web service migrates; the others wait for it (and so for PostgreSQL)
        upstream = "postgres" if name == "web" else "web"
        assert depends_on[upstream]["condition"] == "service_healthy"
    for name in ("postgres", "redis", "web"):
        assert services[name]["healthcheck"]["test"], f"{name} has no healthcheck"
    assert any(volume.startswith("postgres-data:") for volume in services["postgres"]["volumes"])


@pytest.mark.parametrize(
    ("service_name", "expected"),
    [
        (
            "web",
            [
                "manage.py migrate",
                "manage.py load_reference_data",
                "manage.py collectstatic",
                "gunicorn",
            ],
        ),
        ("worker", ["celery worker"]),
        ("beat", ["celery beat"]),
    ],
)
def test_commands_name_real_entry_points(services, service_name, expected):
    lines = command_lines(services[service_name]["command"])
    assert [check_entry_point(argv) for argv in lines] == expected
    if service_name == "web":
        assert "--noinput" in lines[0]
        assert "0.0.0.0:8000" in lines[-1]


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1])
        for line in lines
        if line and not line.startswith("#")
    ]


def test_dockerfile_builds_a_production_image():
    instructions = dockerfile_instructions()

    def values(keyword):
        return [arg for kw, arg in instructions if kw == keyword]

    assert values("FROM") == ["python:3.11-slim"]
    runs = " ".join(values("RUN"))
    assert re.search(r"pip install --require-hashes -r requirements/base\.lock", runs)
    assert "manage.py collectstatic --noinput" in runs
    assert "SECRET_KEY=" in runs
    assert not any(arg.startswith("SECRET_KEY") for arg in values("ENV")), "key baked into image"
    users = values("USER")
    assert users, "the image runs as root"
    assert users[-1] not in ("root", "0")
    (cmd,) = values("CMD")
    argv = json.loads(cmd)
    assert check_entry_point(argv) == "gunicorn"
    assert "0.0.0.0:8000" in argv


def test_dockerignore_keeps_local_state_out():
    ignored = {line.strip().strip("/") for line in DOCKERIGNORE.read_text().splitlines()}
    for name in (".git", ".venv", ".env", "db.sqlite3", "staticfiles", "media"):
        assert name in ignored


def _docker_compose_available() -> bool:
    if shutil.which("docker") is None:
        return False
    try:
        result = subprocess.run(
            ["docker", "compose", "version"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


def test_docker_compose_accepts_the_file():
    if not _docker_compose_available():
        pytest.skip("docker compose plugin not installed")
    result = subprocess.run(
        ["docker", "compose", "-f", str(COMPOSE), "config", "-q"],
        cwd=ROOT,
        env={
            **os.environ,
            "SECRET_KEY": "compose-config-check",
            "POSTGRES_PASSWORD": "compose-config-check",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_nginx_serves_the_static_files_web_collects_and_proxies_to_gunicorn(services):
    nginx, web = services["nginx"], services["web"]
    assert nginx["image"].startswith("nginx:")
    assert nginx["depends_on"]["web"]["condition"] == "service_healthy"
    env = environment(nginx)
    host, port = env["NGINX_UPSTREAM"].split(":")
    assert host == "web"
    assert f"0.0.0.0:{port}" in command_lines(web["command"])[-1]
    mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in nginx["volumes"]}
    template = mounts.pop("/etc/nginx/templates/default.conf.template")
    assert (ROOT / template).resolve() == NGINX_TEMPLATE
    web_mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in web["volumes"]}
    assert mounts[env["NGINX_STATIC_ROOT"]] == web_mounts["/app/staticfiles"]
    assert mounts[env["NGINX_MEDIA_ROOT"]] == web_mounts["/app/media"]
    # Only nginx is published; gunicorn is reached through it.
    assert any(port.endswith(f":{env['NGINX_LISTEN']}") for port in nginx["ports"])
    assert "ports" not in web


def test_nginx_template_uses_only_the_variables_compose_sets(services):
    used = set(re.findall(r"\$\{(\w+)\}", NGINX_TEMPLATE.read_text()))
    assert used == set(environment(services["nginx"]))


def test_nginx_micro_cache_follows_the_platform_and_skips_personal_requests():
    text = NGINX_TEMPLATE.read_text()
    directives = {line.split()[0]: line.strip() for line in text.splitlines() if line.strip()}
    assert "$cookie_sessionid" in text
    assert directives["proxy_cache_bypass"] == "proxy_cache_bypass $personal;"
    assert directives["proxy_no_cache"] == "proxy_no_cache $personal;"
    # No lifetime of its own: only what the platform marks public (s-maxage) is kept.
    assert "proxy_cache_valid" not in directives
    # One request refreshes an expired page, the others get the copy there was.
    assert directives["proxy_cache_use_stale"] == "proxy_cache_use_stale updating;"
    # Requests for pages that turn out private must not queue behind each other.
    assert "proxy_cache_lock" not in directives


def test_nginx_accepts_the_rendered_template(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.skip("nginx is not installed (make nginx)")
    values = {
        "NGINX_LISTEN": "127.0.0.1:18080",
        "NGINX_UPSTREAM": "127.0.0.1:8000",
        "NGINX_STATIC_ROOT": str(tmp_path),
        "NGINX_MEDIA_ROOT": str(tmp_path),
        "NGINX_CACHE_DIR": str(tmp_path / "cache"),
    }
    rendered = re.sub(r"\$\{(\w+)\}", lambda m: values[m[1]], NGINX_TEMPLATE.read_text())
    (tmp_path / "platform.conf").write_text(rendered)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{ proxy_temp_path {tmp_path}/proxy; include {tmp_path}/platform.conf; }}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-q", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr

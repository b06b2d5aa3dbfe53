"""deploy/ as far as this machine can check it without a container runtime: the compose file and the Kubernetes
manifest parse and agree with the Dockerfile and nginx.conf on names, ports, paths and the health check, and the
image's package builds from exactly the files the Dockerfile copies. (tests/serve runs deploy/nginx.conf itself in
front of two replicas.)"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from benchmarks.load import nginx_config
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
DOCKERFILE = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
NGINX = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
COMPOSE = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
KUBERNETES = list(yaml.safe_load_all((DEPLOY / "kubernetes.yaml").read_text(encoding="utf-8")))
PORT = 8501
HEALTH = "/_stcore/health"


def instructions(name: str) -> list[str]:
    """The arguments of every Dockerfile instruction `name`, continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.startswith(name + " ")]


def test_the_image_runs_as_a_user_with_a_health_check_on_streamlits_port():
    assert instructions("USER") == ["10001"]
    assert f"STREAMLIT_SERVER_PORT={PORT}" in instructions("ENV")[0]
    assert instructions("EXPOSE") == [str(PORT)]
    (check,) = instructions("HEALTHCHECK")
    assert f"http://127.0.0.1:{PORT}{HEALTH}" in check
    assert instructions("CMD") == ['["stances", "app"]']


def test_the_package_builds_from_exactly_what_the_dockerfile_copies(tmp_path):
    """Regression: the Dockerfile copied neither LICENSE (pyproject's license-files) nor the files the package now
    carries, so `pip install .` in the image could not build."""
    build = tmp_path / "app"
    build.mkdir()
    before_install = DOCKERFILE.split("RUN pip install", 1)[0]
    for line in re.findall(r"^COPY (.+)$", before_install, flags=re.M):
        *sources, target = shlex.split(line)
        for source in sources:
            destination = build / target / Path(source).name if target.endswith("/") else build / target
            if (ROOT / source).is_dir():
                shutil.copytree(ROOT / source, destination, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(ROOT / source, destination)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), "."],
        cwd=build, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = tmp_path.glob("stances-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"stances/_data/ukraine-talks-2022/statements.csv", "stances/_config/config.toml"} <= names


def test_compose_runs_replicas_behind_nginx_read_only():
    app, proxy = COMPOSE["services"]["app"], COMPOSE["services"]["nginx"]
    assert (DEPLOY / app["build"]["context"] / app["build"]["dockerfile"]).resolve() == DEPLOY / "Dockerfile"
    assert app["read_only"] is True and app["deploy"]["replicas"] >= 2
    assert "localhost" in yaml.safe_load(app["environment"]["STREAMLIT_SERVER_ALLOWED_HOSTS"])
    mounted, at, mode = proxy["volumes"][0].split(":")
    assert ((DEPLOY / mounted).resolve(), mode) == (DEPLOY / "nginx.conf", "ro")
    assert proxy["command"][-1] == at
    assert proxy["ports"] == ["8080:8080"] and "listen 8080;" in NGINX
    assert f"server app:{PORT};" in NGINX  # the compose service's name and Streamlit's port
    # nginx.conf keeps its pid, log and buffers in /tmp/nginx, and nginx does not create that folder
    assert set(re.findall(r"(/tmp/nginx)/", NGINX)) == {"/tmp/nginx"} and "/tmp/nginx" in proxy["tmpfs"]


def test_nginx_keeps_a_viewer_on_one_replica_and_upgrades_websockets():
    assert re.search(r"hash \$stances_route consistent;", NGINX)
    assert "stances_route=$stances_route" in NGINX  # the cookie that keeps the route
    assert "proxy_set_header Upgrade $http_upgrade;" in NGINX
    assert "proxy_set_header Connection $connection_upgrade;" in NGINX
    assert "Affinity is required" in NGINX


def test_the_tests_run_the_deployed_nginx_conf_with_only_ports_and_paths_changed(tmp_path):
    generated = nginx_config(9001, [9002, 9003], tmp_path).read_text(encoding="utf-8")
    expected = (
        NGINX.replace("    server app:8501;  # REPLICAS\n", "    server 127.0.0.1:9002;\n    server 127.0.0.1:9003;\n")
        .replace("listen 8080;", "listen 127.0.0.1:9001;")
        .replace("/tmp/nginx", str(tmp_path))
    )
    assert generated == expected != NGINX


def test_the_kubernetes_example_has_probes_resources_and_cookie_affinity():
    deployment, service, ingress = KUBERNETES
    assert [d["kind"] for d in KUBERNETES] == ["Deployment", "Service", "Ingress"]
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] == 10001
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["ports"] == [{"containerPort": PORT}]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": HEALTH, "port": PORT}
    assert set(container["resources"]) == {"requests", "limits"}
    assert deployment["spec"]["replicas"] >= 2
    assert service["spec"]["selector"] == deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["ports"][0]["targetPort"] == PORT
    annotations = ingress["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": service["metadata"]["name"], "port": {"number": service["spec"]["ports"][0]["port"]}}


@pytest.mark.parametrize("path", ["deploy/Dockerfile", "deploy/compose.yaml", "deploy/kubernetes.yaml"])
def test_the_readme_names_each_deployment_file(path):
    assert f"`{path}`" in (ROOT / "README.md").read_text(encoding="utf-8")

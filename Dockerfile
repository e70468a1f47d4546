# ReplayWeb.page, from the npm registry as package-lock.json pins it; the image keeps
# only the two files the replay origin serves (sources/replay_views.py).
FROM node:22-slim AS replaywebpage
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# gettext compiles the translations (locale/*.po) below; Chromium captures pages as a
# browser shows them (the browser-worker service).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext chromium fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# The whole project (every app, templates, static/, locale/): what stays out is
# listed in .dockerignore, so a new app or asset folder needs no change here.
COPY . ./
COPY --from=replaywebpage /build/node_modules/replaywebpage/ui.js /build/node_modules/replaywebpage/sw.js ./node_modules/replaywebpage/
# With the s3 extra: archives can go to a bucket by setting variables, no other image.
RUN pip install --no-cache-dir ".[s3]" \
    && python -m venv .venv-wacz \
    && .venv-wacz/bin/pip install --no-cache-dir $(python -c 'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["wacz-tool"]))') \
    && useradd --system --home /app --uid 10001 claimtracker \
    && mkdir -p /app/var && chown claimtracker /app/var

# Both steps need settings that load: a throwaway key, used only here. The compiled
# messages and the static manifest are built from exactly the files copied above.
RUN SECRET_KEY=build-only python manage.py compilemessages -v0 \
    && SECRET_KEY=build-only python manage.py collectstatic --no-input -v0

USER claimtracker
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

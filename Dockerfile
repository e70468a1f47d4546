FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY config ./config
COPY claims ./claims
COPY sources ./sources
COPY templates ./templates
COPY manage.py ./
RUN pip install --no-cache-dir . \
    && useradd --system --home /app --uid 10001 claimtracker \
    && mkdir -p /app/var && chown claimtracker /app/var

# collectstatic needs settings that load: a throwaway key, used only for this step.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input -v0

USER claimtracker
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

# The promotion planner as one container: Streamlit on port 8501, the database on a volume at /data.
# Build: docker build -t promo .      Run: see the README, "On your own server (Docker behind nginx with HTTPS)".
FROM python:3.11-slim

# Debian's Chromium draws the PNG charts (kaleido); Noto CJK renders Chinese in them; curl for the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-noto-cjk curl \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PROMO_DB=/data/promo.duckdb \
    BROWSER_PATH=/usr/bin/chromium \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY app.py ./
COPY .streamlit ./.streamlit
COPY pages ./pages
COPY ui ./ui
COPY promo ./promo

# An unprivileged user owns only the data directory.
RUN useradd --create-home --uid 10001 promo \
 && mkdir -p /data && chown promo:promo /data
USER promo
VOLUME ["/data"]
EXPOSE 8501

# The script health check runs the app once: unhealthy when it cannot open its database (another server holds the
# volume's file), which /_stcore/health would not notice.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8501/_stcore/script-health-check || exit 1

CMD ["python", "-m", "streamlit", "run", "app.py"]

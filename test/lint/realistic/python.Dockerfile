FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
ARG BUILD_DATE
RUN apt-get update && apt-get install -y gcc libpq-dev
WORKDIR /srv
COPY .pypirc /root/.pypirc
COPY . .
RUN pip install -r requirements.txt
RUN rm /root/.pypirc
RUN <<EOF
python manage.py collectstatic --noinput
python manage.py compilemessages
EOF
EXPOSE 8000
CMD ["gunicorn", "app.wsgi", "-b", "0.0.0.0:8000"]

FROM debian:bookworm
RUN apt-get update
RUN apt-get install -y curl ca-certificates
RUN apt-get install -y \
      build-essential \
      git
ADD https://example.com/tools/tool-1.4.tar.gz /tmp/tool.tar.gz
RUN tar -xzf /tmp/tool.tar.gz -C /opt
RUN rm -f /tmp/tool.tar.gz
COPY entrypoint.sh /usr/local/bin/entrypoint.sh
RUN chmod +x /usr/local/bin/entrypoint.sh
RUN pip install --upgrade awscli
CMD ["/usr/local/bin/entrypoint.sh"]

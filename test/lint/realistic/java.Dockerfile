FROM maven:3.9-eclipse-temurin-21 AS deps
WORKDIR /build
COPY pom.xml .
RUN mvn -B dependency:go-offline

FROM deps AS build
COPY src ./src
RUN mvn -B -o package -DskipTests

FROM eclipse-temurin:21-jdk AS debug
COPY --from=build /build/target/app.jar /app.jar

FROM eclipse-temurin:21-jre
ADD https://github.com/open-telemetry/opentelemetry-java-instrumentation/releases/download/v2.3.0/opentelemetry-javaagent.jar /otel/agent.jar
RUN useradd --system app
COPY --from=build /build/target/app.jar /app/app.jar
RUN chmod -R 755 /app
USER app
ENTRYPOINT ["java", "-javaagent:/otel/agent.jar", "-jar", "/app/app.jar"]

package org.doorstep.supervision;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for the upstream government system. Per ticket number it follows
 * a script of answers ("500", "422", "timeout", "ok"; the last one repeats); like a real upstream
 * it files each idempotency key once and answers a resend with the same receipt.
 */
final class FakeUpstream implements AutoCloseable {

    record Request(String idempotencyKey, String authorization, JsonNode body) {
    }

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Deque<String>> scripts = new ConcurrentHashMap<>();
    private final Map<String, String> receipts = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeUpstream(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/filings", this::handle);
        server.start();
    }

    void script(String ticket, String... answers) {
        scripts.put(ticket, new ArrayDeque<>(List.of(answers)));
    }

    List<Request> requestsFor(String ticket) {
        return requests.stream().filter(r -> ticket.equals(r.body().path("ticketNumber").asText())).toList();
    }

    int receiptsIssued() {
        return receipts.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            JsonNode body = json.readTree(in);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            requests.add(new Request(key, exchange.getRequestHeaders().getFirst("Authorization"), body));
            Deque<String> script = scripts.get(body.path("ticketNumber").asText());
            String answer = script == null ? "503" : script.size() > 1 ? script.poll() : script.peek();
            switch (answer) {
                case "ok" -> reply(exchange, 201, "{\"receiptNumber\":\"" + receipt(key) + "\"}");
                case "timeout" -> {
                    receipt(key); // filed upstream, but the answer comes too late
                    Thread.sleep(2500);
                    reply(exchange, 201, "{\"receiptNumber\":\"" + receipt(key) + "\"}");
                }
                default -> reply(exchange, Integer.parseInt(answer), "{\"error\":\"scripted\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (a timeout): nothing to answer
        }
    }

    private String receipt(String key) {
        return receipts.computeIfAbsent(key, k -> "WS-2026-" + (100000 + receipts.size()));
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

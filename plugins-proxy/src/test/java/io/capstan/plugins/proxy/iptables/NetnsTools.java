package io.capstan.plugins.proxy.iptables;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Small programs the network-namespace test runs inside the namespace with
 * {@code ip netns exec NS java -cp ... NetnsTools ...}: a backend that answers with its own
 * address, and a client that fetches a URL n times and prints each answer on a line.
 */
public final class NetnsTools {

  private NetnsTools() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("serve")) {
      serve(args[1], Integer.parseInt(args[2]));
    } else {
      fetch(args[1], Integer.parseInt(args[2]));
    }
  }

  private static void serve(String ip, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(ip, port), 16);
    byte[] body = (ip + ":" + port).getBytes(StandardCharsets.UTF_8);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    System.out.println("ready");
    System.out.flush();
  }

  private static void fetch(String url, int times) throws IOException {
    for (int i = 0; i < times; i++) {
      HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
      connection.setConnectTimeout(2000);
      connection.setReadTimeout(2000);
      // a new TCP connection each time, so each request is a new conntrack entry and a new choice
      connection.setRequestProperty("Connection", "close");
      try (InputStream in = connection.getInputStream()) {
        System.out.println(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException failed) {
        System.out.println("error " + failed.getMessage());
      }
      connection.disconnect();
    }
  }
}

package io.capstan.plugins.admission.tokenfile;

import io.capstan.spi.auth.UserInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads kube-apiserver's static token file: one CSV record per line, {@code token,user,uid} and an
 * optional fourth field of comma-separated groups, quoted when it holds several
 * ({@code "group1,group2"}). Blank lines and lines starting with {@code #} are skipped. A record
 * with fewer than three fields, an empty token or user, or a token listed twice stops loading with
 * the file and line.
 */
final class TokenFile {

  private TokenFile() {}

  static Map<String, UserInfo> read(Path file) throws IOException {
    Map<String, UserInfo> users = new HashMap<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1);
      List<String> fields = fields(line, where);
      if (fields.size() < 3) {
        throw new IOException(where + ": a record needs at least token,user,uid; found " + fields.size() + " field(s)");
      }
      String token = fields.get(0);
      String user = fields.get(1);
      if (token.isEmpty() || user.isEmpty()) {
        throw new IOException(where + ": the token and the user name must not be empty");
      }
      List<String> groups = new ArrayList<>();
      if (fields.size() > 3) {
        for (String group : fields.get(3).split(",")) {
          String g = group.strip();
          if (!g.isEmpty() && !groups.contains(g)) {
            groups.add(g);
          }
        }
      }
      if (users.put(token, new UserInfo(user, fields.get(2), groups, Map.of())) != null) {
        throw new IOException(where + ": this token is listed twice (user " + user + ")");
      }
    }
    return users;
  }

  /** Splits one RFC 4180 record: fields separated by commas, a field in double quotes may hold commas and doubled quotes. */
  static List<String> fields(String line, String where) throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        out.add(wasQuoted ? field.toString() : field.toString().strip());
        field.setLength(0);
        wasQuoted = false;
      } else if (wasQuoted && !Character.isWhitespace(c)) {
        throw new IOException(where + ": unexpected '" + c + "' after a quoted field (column " + (i + 1) + ")");
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IOException(where + ": a quoted field is not closed");
    }
    out.add(wasQuoted ? field.toString() : field.toString().strip());
    return out;
  }
}

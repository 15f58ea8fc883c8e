package io.capstan.spi.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The string-form label selector grammar, a port of apimachinery's {@code labels.Parse} lexer and
 * recursive-descent parser so that the same inputs are accepted and rejected. Single use, not
 * thread-safe; {@link LabelSelectorSpec#parse(String)} creates one per call.
 */
final class LabelSelectorParser {

  private enum Kind { IDENT, IN, NOT_IN, EQ, DOUBLE_EQ, NOT_EQ, BANG, GT, LT, OPEN, CLOSE, COMMA, END }

  private record Token(Kind kind, String text, int position) {}

  private final String input;
  private final List<Token> tokens = new ArrayList<>();
  private int next;

  LabelSelectorParser(String input) {
    this.input = input;
  }

  List<LabelRequirement> parse() {
    lex();
    List<LabelRequirement> requirements = new ArrayList<>();
    while (true) {
      Token t = peek(true);
      if (t.kind == Kind.END) {
        return requirements;
      }
      if (t.kind != Kind.IDENT && t.kind != Kind.BANG) {
        throw error(t, "expected: !, identifier, or 'end of string'");
      }
      requirements.add(requirement());
      Token after = take(true);
      if (after.kind == Kind.END) {
        return requirements;
      }
      if (after.kind != Kind.COMMA) {
        throw error(after, "expected: ',' or 'end of string'");
      }
      Token following = peek(true);
      if (following.kind != Kind.IDENT && following.kind != Kind.BANG) {
        throw error(following, "expected: identifier after ','");
      }
    }
  }

  private LabelRequirement requirement() {
    boolean negated = false;
    Token key = take(true);
    if (key.kind == Kind.BANG) {
      negated = true;
      key = take(true);
    }
    if (key.kind != Kind.IDENT) {
      throw error(key, "expected: identifier");
    }
    Kind ahead = peek(true).kind;
    if (negated || ahead == Kind.END || ahead == Kind.COMMA) {
      // "!x" is complete here; "!x=a" fails later on the unexpected '='
      return build(key, negated ? LabelOperator.DOES_NOT_EXIST : LabelOperator.EXISTS, List.of());
    }
    Token op = take(false);
    LabelOperator operator = switch (op.kind) {
      case IN -> LabelOperator.IN;
      case NOT_IN -> LabelOperator.NOT_IN;
      case EQ -> LabelOperator.EQUALS;
      case DOUBLE_EQ -> LabelOperator.DOUBLE_EQUALS;
      case NOT_EQ -> LabelOperator.NOT_EQUALS;
      case GT -> LabelOperator.GREATER_THAN;
      case LT -> LabelOperator.LESS_THAN;
      default -> throw error(op, "expected: in, notin, =, ==, !=, gt, lt");
    };
    List<String> values = operator == LabelOperator.IN || operator == LabelOperator.NOT_IN
        ? setValues() : List.of(exactValue());
    return build(key, operator, values);
  }

  private LabelRequirement build(Token key, LabelOperator operator, List<String> values) {
    try {
      return new LabelRequirement(key.text, operator, values);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(prefix(key) + e.getMessage(), e);
    }
  }

  private String exactValue() {
    Token t = peek(true);
    if (t.kind == Kind.END || t.kind == Kind.COMMA) {
      return ""; // "x=" selects the empty value
    }
    take(true);
    if (t.kind != Kind.IDENT) {
      throw error(t, "expected: identifier");
    }
    return t.text;
  }

  private List<String> setValues() {
    Token open = take(true);
    if (open.kind != Kind.OPEN) {
      throw error(open, "expected: '('");
    }
    Set<String> values = new LinkedHashSet<>();
    Token t = peek(true);
    if (t.kind == Kind.CLOSE) {
      take(true);
      return List.of(""); // Kubernetes reads "x in ()" as x in ("")
    }
    if (t.kind != Kind.IDENT && t.kind != Kind.COMMA) {
      throw error(t, "expected: ',', ')' or identifier");
    }
    // mirrors parseIdentifiersList: "(,a)", "(a,)" and "(a,,b)" all contain the empty value
    while (true) {
      Token v = take(true);
      if (v.kind == Kind.IDENT) {
        values.add(v.text);
        Token after = peek(true);
        if (after.kind == Kind.CLOSE) {
          break;
        }
        if (after.kind != Kind.COMMA) {
          throw error(after, "expected: ',' or ')'");
        }
      } else if (v.kind == Kind.COMMA) {
        if (values.isEmpty()) {
          values.add("");
        }
        Token after = peek(true);
        if (after.kind == Kind.CLOSE) {
          values.add("");
          break;
        }
        if (after.kind == Kind.COMMA) {
          take(true);
          values.add("");
        }
      } else {
        throw error(v, "expected: ',', or identifier");
      }
    }
    take(true); // the ')'
    return List.copyOf(values);
  }

  /** In value position the keywords {@code in} and {@code notin} are plain identifiers. */
  private Token peek(boolean valueContext) {
    Token t = tokens.get(next);
    return valueContext && (t.kind == Kind.IN || t.kind == Kind.NOT_IN) ? new Token(Kind.IDENT, t.text, t.position) : t;
  }

  private Token take(boolean valueContext) {
    Token t = peek(valueContext);
    if (t.kind != Kind.END) {
      next++;
    }
    return t;
  }

  private void lex() {
    int pos = 0;
    int n = input.length();
    while (true) {
      while (pos < n && isWhitespace(input.charAt(pos))) {
        pos++;
      }
      if (pos >= n) {
        tokens.add(new Token(Kind.END, "", pos));
        return;
      }
      int start = pos;
      char c = input.charAt(pos);
      if (isSpecial(c)) {
        // longest special-symbol token: "!=" and "==" before "!" and "="
        String two = pos + 1 < n ? input.substring(pos, pos + 2) : "";
        Kind kind = switch (two) {
          case "!=" -> Kind.NOT_EQ;
          case "==" -> Kind.DOUBLE_EQ;
          default -> null;
        };
        if (kind != null) {
          tokens.add(new Token(kind, two, start));
          pos += 2;
          continue;
        }
        tokens.add(new Token(switch (c) {
          case '=' -> Kind.EQ;
          case '!' -> Kind.BANG;
          case '(' -> Kind.OPEN;
          case ')' -> Kind.CLOSE;
          case ',' -> Kind.COMMA;
          case '>' -> Kind.GT;
          default -> Kind.LT;
        }, String.valueOf(c), start));
        pos++;
        continue;
      }
      while (pos < n && !isSpecial(input.charAt(pos)) && !isWhitespace(input.charAt(pos))) {
        pos++;
      }
      String word = input.substring(start, pos);
      Kind kind = word.equals("in") ? Kind.IN : word.equals("notin") ? Kind.NOT_IN : Kind.IDENT;
      tokens.add(new Token(kind, word, start));
    }
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isSpecial(char c) {
    return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
  }

  private String prefix(Token at) {
    return "invalid label selector \"" + input + "\" at position " + at.position + ": ";
  }

  private IllegalArgumentException error(Token at, String expected) {
    String found = at.kind == Kind.END ? "end of string" : "'" + at.text + "'";
    return new IllegalArgumentException(prefix(at) + "found " + found + ", " + expected);
  }
}

// Prints, for every code point, the Unicode data java.util.regex reads from java.lang.Character, as runs of
// equal values: `first last type script alpha ideo lower upper` (hex; booleans as 0/1). Used by
// scripts/java-regex-unicode-delta.mjs.
public class JavaRegexUnicodeDump {
  public static void main(String[] args) {
    StringBuilder out = new StringBuilder();
    String prev = null;
    int start = 0;
    for (int c = 0; c <= 0x110000; c++) {
      String v = c > 0x10ffff ? "" : Character.getType(c) + " " + Character.UnicodeScript.of(c).name() + " "
          + (Character.isAlphabetic(c) ? 1 : 0) + (Character.isIdeographic(c) ? 1 : 0)
          + (Character.isLowerCase(c) ? 1 : 0) + (Character.isUpperCase(c) ? 1 : 0);
      if (!v.equals(prev)) {
        if (prev != null) out.append(Integer.toHexString(start)).append(' ').append(Integer.toHexString(c - 1)).append(' ').append(prev).append('\n');
        prev = v;
        start = c;
      }
    }
    System.out.print(out);
  }
}

import java.util.*;

/**
 * Prints the classes of code points that `(?iu)` (CASE_INSENSITIVE | UNICODE_CASE) makes equal for a
 * literal character: the JDK's SingleU matches x when toLowerCase(toUpperCase(x)) equals that of the
 * literal. One line per class of two or more code points, hex, space-separated; `!` marks a member whose
 * upper case is its own lower-case form (ß): alone the JDK matches it exactly, inside a longer literal by class.
 */
public class JavaCaseGroups {
  public static void main(String[] args) {
    Map<Integer, List<Integer>> groups = new TreeMap<>();
    for (int c = 0; c <= 0x10FFFF; c++) {
      int key = Character.toLowerCase(Character.toUpperCase(c));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
    }
    for (List<Integer> g : groups.values()) {
      if (g.size() < 2) continue;
      StringBuilder sb = new StringBuilder();
      for (int c : g) {
        int up = Character.toUpperCase(c);
        sb.append(sb.length() == 0 ? "" : " ").append(up == Character.toLowerCase(up) ? "!" : "").append(Integer.toHexString(c));
      }
      System.out.println(sb);
    }
  }
}

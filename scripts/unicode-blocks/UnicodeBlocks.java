import java.lang.reflect.Field;
import java.util.*;

/** Prints every Character.UnicodeBlock of this JDK: id, code-point range, and every name forName accepts (upper case). */
public class UnicodeBlocks {
  public static void main(String[] args) throws Exception {
    Field f = Character.UnicodeBlock.class.getDeclaredField("map");
    f.setAccessible(true);
    @SuppressWarnings("unchecked")
    Map<String, Character.UnicodeBlock> map = (Map<String, Character.UnicodeBlock>) f.get(null);
    Map<Character.UnicodeBlock, TreeSet<String>> names = new HashMap<>();
    for (Map.Entry<String, Character.UnicodeBlock> e : map.entrySet()) names.computeIfAbsent(e.getValue(), k -> new TreeSet<>()).add(e.getKey());
    Character.UnicodeBlock cur = null;
    int start = 0;
    for (int cp = 0; cp <= 0x110000; cp++) {
      Character.UnicodeBlock b = cp <= 0x10FFFF ? Character.UnicodeBlock.of(cp) : null;
      if (b != cur) {
        if (cur != null) System.out.println(cur + "\t" + Integer.toHexString(start) + "\t" + Integer.toHexString(cp - 1) + "\t" + String.join("|", names.get(cur)));
        cur = b;
        start = cp;
      }
    }
  }
}

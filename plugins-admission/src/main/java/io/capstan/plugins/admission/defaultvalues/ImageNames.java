package io.capstan.plugins.admission.defaultvalues;

/**
 * The tag of an image reference as Kubernetes' {@code parsers.ParseImageName} finds it
 * (pkg/util/parsers): the text after the last {@code :} of the last path component, {@code latest}
 * when there is neither a tag nor a digest, and empty when there is only a digest. A registry
 * port ({@code localhost:5000/app}) is not a tag because it is not in the last component.
 * Stateless.
 */
final class ImageNames {

  private ImageNames() {}

  /** The tag of {@code image}, {@code latest} when none is written and no digest pins it. */
  static String tag(String image) {
    if (image == null) {
      return "latest";
    }
    String ref = image.strip();
    boolean digest = ref.contains("@");
    if (digest) {
      ref = ref.substring(0, ref.indexOf('@'));
    }
    String last = ref.substring(ref.lastIndexOf('/') + 1);
    int colon = last.lastIndexOf(':');
    String tag = colon < 0 ? "" : last.substring(colon + 1);
    return tag.isEmpty() && !digest ? "latest" : tag;
  }
}

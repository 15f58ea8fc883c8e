package io.capstan.runtime.apiserver.resource;

import java.util.random.RandomGenerator;

/**
 * Names for {@code generateName}: the prefix plus five characters from Kubernetes' alphabet
 * (no vowels, no look-alikes: {@code bcdfghjklmnpqrstvwxz2456789}), as in k8s.io/apiserver's
 * SimpleNameGenerator.
 */
public final class NameGenerator {

  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final int MAX_PREFIX = 63 - 5;

  private final RandomGenerator random;

  public NameGenerator(RandomGenerator random) {
    this.random = random;
  }

  public synchronized String generate(String prefix) {
    String base = prefix.length() > MAX_PREFIX ? prefix.substring(0, MAX_PREFIX) : prefix;
    StringBuilder name = new StringBuilder(base);
    for (int i = 0; i < 5; i++) {
      name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return name.toString();
  }
}

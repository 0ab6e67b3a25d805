package dev.llmos.modeld;

import java.nio.file.Path;

/**
 * a gguf file the tests run against.
 *
 * @param name how test reports show it
 * @param file the model
 * @param threads inference threads: one for the tiny model, whose layers are too small to split
 *     (on a busy two-core machine two openmp threads spin against each other and run 10-100x slower)
 */
record TestModel(String name, Path file, int threads) {
    @Override
    public String toString() {
        return name;
    }
}

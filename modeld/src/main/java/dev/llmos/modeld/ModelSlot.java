package dev.llmos.modeld;

/**
 * the model llm-modeld serves, loaded on first use. a failed load is reported and tried again on
 * the next request (the file may have been fixed). {@link #state()} never blocks.
 */
final class ModelSlot {
    /** what the slot holds, as {@code GET /health} reports it. */
    enum State { DORMANT, LOADING, LOADED, FAILED }

    private final ModelConfig config;
    private LocalModel model;
    private volatile State state = State.DORMANT;
    private volatile long loadMillis = -1;

    ModelSlot(ModelConfig config) {
        this.config = config;
    }

    synchronized LocalModel get() throws ModelException {
        if (model != null) {
            return model;
        }
        state = State.LOADING;
        System.err.println("llm-modeld: loading " + config.model());
        long start = System.nanoTime();
        try {
            model = LocalModel.load(config);
        } catch (ModelException | RuntimeException e) {
            state = State.FAILED;
            System.err.println("llm-modeld: loading failed: " + e.getMessage());
            throw e;
        }
        loadMillis = (System.nanoTime() - start) / 1_000_000;
        state = State.LOADED;
        System.err.println("llm-modeld: loaded " + model.id() + " in " + loadMillis + " ms");
        return model;
    }

    State state() {
        return state;
    }

    /** how long the load took, or -1 before it finished. */
    long loadMillis() {
        return loadMillis;
    }

    String modelId() {
        return LocalModel.idOf(config.model());
    }
}

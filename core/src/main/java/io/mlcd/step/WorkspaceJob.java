package io.mlcd.step;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * A step's work on the files of its workspace, done where they are (a Jenkins agent). It carries
 * only strings, lists and numbers, so it travels to the agent as it is, and returns the little
 * that travels back: a report document as JSON text, file hashes, an address. Bad input is an
 * {@code InputException} with one line for a person; file names that leave the workspace are
 * refused.
 *
 * @param <T> what travels back
 */
public interface WorkspaceJob<T extends Serializable> extends Serializable {
    T run(Path workspace);
}

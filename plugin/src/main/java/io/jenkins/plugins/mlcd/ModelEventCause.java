package io.jenkins.plugins.mlcd;

import hudson.model.Cause;
import java.util.Objects;

/** Why a build started: a change in the model registry that an {@code mlflowModel} trigger matched. */
public final class ModelEventCause extends Cause {
    private final String server;
    private final String event;

    /** @param event the event as {@code ModelEvent.describe()} names it (model and alias already made printable) */
    public ModelEventCause(final String server, final String event) {
        this.server = server;
        this.event = event;
    }

    public String getServer() {
        return server;
    }

    public String getEvent() {
        return event;
    }

    @Override
    public String getShortDescription() {
        return "Started by MLflow server '" + server + "': " + event;
    }

    // equal causes are counted together when builds are folded in the queue
    @Override
    public boolean equals(final Object other) {
        return other instanceof ModelEventCause cause && cause.server.equals(server) && cause.event.equals(event);
    }

    @Override
    public int hashCode() {
        return Objects.hash(server, event);
    }
}

package dev.llmos.actions.desktop.backend;

/** which selection buffer of the session; lowercase on the wire. */
public enum Selection {
    /** what copy and paste (ctrl+c, ctrl+v) use. */
    CLIPBOARD,
    /** the text last selected with the mouse, pasted with the middle button (x11 only). */
    PRIMARY
}

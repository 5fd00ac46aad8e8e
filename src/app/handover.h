/* SPDX-License-Identifier: MIT */
/* handover: "inkref run --panel window:MODEL" is the desktop preview, which lives in its own
 * program (inkref-preview, beside this one) so that the kiosk binary never links SDL2. */
#ifndef INKREF_HANDOVER_H
#define INKREF_HANDOVER_H

/* When argv (the run command's, argv[0] "run") names a window panel, replaces this process
 * with inkref-preview and the same arguments. Returns -1 when it names none, else the exit
 * code to end with: the preview could not be started. */
int handover_to_preview(int argc, char **argv);

#endif

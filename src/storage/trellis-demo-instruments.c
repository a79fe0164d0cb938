/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "trellis-demo-instruments.h"
#include "trellis-demo-resources.h"

/* The demo study's own instruments, CCAE (confidence in coping with adverse
 * events) and KNOW (a knowledge test), are kept as the REDCap data dictionary
 * data/demo/instruments.csv, so the demo shows the way a real study brings
 * its questionnaires in. The file is compiled into the storage library as a
 * GResource (GIO, which every layer has): a path on disk would differ between
 * the build tree and an installation, and the demo must work from both. The
 * resource is looked up through its own handle rather than the global
 * registry, which also keeps the linker from dropping it out of the static
 * library. */

/* The dictionary's text, NUL-terminated and valid for the program's life. */
const char *
trellis_demo_instruments_dictionary (gsize *length)
{
  static GBytes *bytes;

  if (g_once_init_enter (&bytes))
    {
      GBytes *data = g_resource_lookup_data (trellis_demo_get_resource (),
                                             "/org/trellis/Trellis/demo/instruments.csv",
                                             G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      /* The resource is built from a file in the source tree. */
      g_assert (data != NULL);
      g_once_init_leave (&bytes, data);
    }
  return g_bytes_get_data (bytes, length);
}

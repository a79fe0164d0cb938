/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-plot-palette.h"

/* Okabe–Ito without its black, which is the text colour. On white, yellow
 * (#F0E442) has too little contrast for a line, so it is left out and sky
 * blue comes late; on #242424, dark blue and vermilion are the weak ones. */
static const guint32 light_colours[TRELLIS_PLOT_PALETTE_SIZE] = {
  0x0072b2,  /* blue */
  0xd55e00,  /* vermilion */
  0x009e73,  /* bluish green */
  0xcc79a7,  /* reddish purple */
  0xe69f00,  /* orange */
  0x56b4e9,  /* sky blue */
  0x8c6d00,  /* yellow, darkened to read on white */
};

static const guint32 dark_colours[TRELLIS_PLOT_PALETTE_SIZE] = {
  0x56b4e9,  /* sky blue */
  0xe69f00,  /* orange */
  0x2ec4a0,  /* bluish green, lightened to read on #242424 */
  0xcc79a7,  /* reddish purple */
  0xf0e442,  /* yellow */
  0xff7a2e,  /* vermilion, lightened */
  0x4c9fe0,  /* blue, lightened */
};

/**
 * trellis_plot_palette_get_colour:
 * @variant: for a light or a dark background
 * @index: the series; past the end the colours repeat
 * @rgba: (out): the colour, components from 0 to 1, opaque
 */
void
trellis_plot_palette_get_colour (TrellisPlotPaletteVariant  variant,
                                 guint                      index,
                                 double                     rgba[4])
{
  const guint32 *colours = variant == TRELLIS_PLOT_PALETTE_DARK ? dark_colours : light_colours;
  guint32 colour = colours[index % TRELLIS_PLOT_PALETTE_SIZE];

  g_return_if_fail (rgba != NULL);

  rgba[0] = ((colour >> 16) & 0xff) / 255.0;
  rgba[1] = ((colour >> 8) & 0xff) / 255.0;
  rgba[2] = (colour & 0xff) / 255.0;
  rgba[3] = 1.0;
}

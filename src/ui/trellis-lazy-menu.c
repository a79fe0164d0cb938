/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-lazy-menu.h"

/* GtkMenuButton builds the whole popover of a menu model as soon as it is
 * given one, and a study's first frame held four of them, none on screen.
 * A button set up here is given its model the first time it opens, by
 * click, keyboard or F10 alike, and from then on behaves as if it had had
 * it all along. */

static void
give_model (GtkMenuButton *button,
            gpointer       user_data)
{
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (user_data));
  /* Frees user_data: the button holds the model now. */
  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
}

/* Gives BUTTON the menu MODEL when it first opens. */
void
trellis_lazy_menu_attach (GtkMenuButton *button,
                          GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  gtk_menu_button_set_create_popup_func (button, give_model, g_object_ref (model), g_object_unref);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TrellisFileLock TrellisFileLock;

TrellisFileLock *trellis_file_lock_acquire   (const char      *study_path,
                                              GError         **error);
void             trellis_file_lock_release   (TrellisFileLock *lock);
char            *trellis_file_lock_path_for  (const char      *study_path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisFileLock, trellis_file_lock_release)

G_END_DECLS

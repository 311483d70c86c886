package org.jameslua.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderHostTest {
    @TempDir
    Path folder;

    @Test
    void aSnapshotHoldsTheUsersSettingsAsStoredWhenItWasTaken() {
        UserSettings settings = FolderHost.in(folder).userSettings();
        settings.set("Bob Smith@example.local", "Forwards", "carol@example.local");
        settings.set("Bob Smith@example.local", "UseForwards", "true");

        UserSettings.Snapshot snapshot = settings.snapshot("bob smith@EXAMPLE.local");
        settings.set("Bob Smith@example.local", "Forwards", "dave@example.local");

        assertThat(snapshot.get("Forwards")).contains("carol@example.local");
        assertThat(snapshot.get("UseForwards")).contains("true");
        assertThat(snapshot.get("Assistants")).isEmpty();
        assertThat(settings.get("bob smith@example.local", "Forwards")).contains("dave@example.local");
        assertThat(folder.resolve("usersettings").resolve("bob_smith@example.local.properties"))
                .exists();
    }

    @Test
    void aUserWithoutAFileHasNoSettings() {
        assertThat(FolderHost.in(folder).userSettings().snapshot("nobody").get("Forwards"))
                .isEmpty();
    }
}

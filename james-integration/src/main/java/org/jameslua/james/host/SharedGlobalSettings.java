package org.jameslua.james.host;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxPath;
import org.jameslua.engine.host.GlobalSettings;

/**
 * {@code VPOP3.GetSetting} / {@code SetSetting} over the settings the operator declares in
 * {@code james-lua.properties} as {@code setting.<Name>=<initial value>}. Only declared settings exist, so, as the
 * manual says, a script can change a setting but not create one. Names are case-insensitive.
 *
 * <p>A value a script sets is kept in James's mailbox store, where every node of a cluster sees it and where it
 * outlives a restart of a James whose mailboxes persist (JPA, Cassandra): as the annotation {@link SettingKeys}
 * names, on a mailbox of its own (named like the entry's last component) owned by {@link #OWNER}, a pseudo-user
 * in a reserved domain that cannot log in. One mailbox per setting because James keeps at most 10 annotations on
 * one mailbox. Until a script sets it, a setting has its declared value.
 */
public final class SharedGlobalSettings implements GlobalSettings {
    public static final Username OWNER = Username.of("settings@james-lua.invalid");

    private final MailboxAnnotations annotations;
    /** Declared initial values by entry component, which folds names that differ only in case. */
    private final Map<String, String> declared = new LinkedHashMap<>();

    /**
     * @throws IllegalArgumentException naming a declared setting whose name cannot be stored (empty, too long) or
     *                                  that differs from another only in case
     */
    public SharedGlobalSettings(MailboxManager mailboxManager, Map<String, String> declaredSettings) {
        this.annotations = new MailboxAnnotations(mailboxManager);
        Map<String, String> names = new LinkedHashMap<>();
        declaredSettings.forEach((name, value) -> {
            String component = SettingKeys.component(name)
                    .orElseThrow(() -> new IllegalArgumentException("setting." + name
                            + ": a setting name must not be empty, nor longer than " + SettingKeys.MAX_COMPONENT_LENGTH
                            + " letters and digits (any other character counts 3 per UTF-8 byte)"));
            String other = names.putIfAbsent(component, name);
            if (other != null) {
                throw new IllegalArgumentException("setting." + name + " and setting." + other
                        + " name the same setting: setting names are case-insensitive");
            }
            declared.put(component, value);
        });
    }

    @Override
    public Optional<String> get(String name) {
        Optional<String> component = declaredComponent(name);
        if (component.isEmpty()) {
            return Optional.empty();
        }
        try {
            return annotations
                    .read(mailbox(component.get()), key(component.get()))
                    .or(() -> Optional.of(declared.get(component.get())));
        } catch (MailboxException e) {
            throw new IllegalStateException("cannot read setting '" + name + "': " + e.getMessage(), e);
        }
    }

    @Override
    public boolean set(String name, String value) {
        Optional<String> component = declaredComponent(name);
        if (component.isEmpty()) {
            return false;
        }
        try {
            annotations.write(mailbox(component.get()), key(component.get()), value);
            return true;
        } catch (MailboxException e) {
            throw new IllegalStateException("cannot store setting '" + name + "': " + e.getMessage(), e);
        }
    }

    private Optional<String> declaredComponent(String name) {
        return SettingKeys.component(name).filter(declared::containsKey);
    }

    private static MailboxPath mailbox(String component) {
        return MailboxPath.forUser(OWNER, component);
    }

    private static MailboxAnnotationKey key(String component) {
        return new MailboxAnnotationKey(SettingKeys.PREFIX + component);
    }
}

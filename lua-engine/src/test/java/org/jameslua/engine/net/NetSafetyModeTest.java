package org.jameslua.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.jameslua.engine.CallResult;
import org.jameslua.engine.InstanceOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

class NetSafetyModeTest {
    @TempDir
    Path folder;

    @ParameterizedTest
    @CsvSource({"Lookup, GetDNSRecords", "Fetch, GetHTTP", "Whois, GetWHOIS"})
    void everyNetworkHelperIsRefusedInSafetyModeAndTheRefusalLogged(String function, String helper) {
        NetScripts scripts = new NetScripts(folder);

        CallResult result = scripts.instance(InstanceOptions.userScript("bob"))
                .call(function, NetScripts.luaArgs("127.0.0.1", 1));

        assertThat(result).isInstanceOf(CallResult.Failed.class);
        assertThat(scripts.fixture.errors()).anySatisfy(line -> assertThat(line)
                .contains("[SANDBOX]").contains("VPOP3Net." + helper + " is disabled in safety mode"));
    }
}

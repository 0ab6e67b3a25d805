package dev.llmos.modeld;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

@EnabledIfEnvironmentVariable(named = TestModels.ENV, matches = ".+")
class RealModeldServerTest extends ModeldServerContract {
    @Override
    TestModel testModel() {
        return TestModels.real();
    }
}

package dev.llmos.modeld;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

@EnabledIfEnvironmentVariable(named = TestModels.ENV, matches = ".+")
class RealToolCallingTest extends ToolCallingContract {
    @Override
    TestModel testModel() {
        return TestModels.real();
    }
}

package dev.llmos.modeld;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

@EnabledIfEnvironmentVariable(named = TestModels.ENV, matches = ".+")
class RealSocketActivationTest extends SocketActivationContract {
    @Override
    TestModel testModel() {
        return TestModels.real();
    }
}

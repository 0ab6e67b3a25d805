package dev.llmos.modeld;

class TinyModeldServerTest extends ModeldServerContract {
    @Override
    TestModel testModel() {
        return TestModels.tiny();
    }
}
